package io.ovneip.kubeapi;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.CrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import java.lang.reflect.Field;
import java.net.HttpURLConnection;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.function.Supplier;

/**
 * fabric8's CRUD dispatcher on a {@link NameIndexedStore}: every request that names one object
 * (create, get, patch, update, delete) finds it through the index instead of matching every stored
 * object's attributes.
 *
 * <p>Why: the stock dispatcher scans the whole store per request, on the mock's single event loop;
 * at 10,000 pods it answered about 40 writes per second, and the controller's cold start measured
 * the mock instead of the controller. fabric8 looks objects up in three places: {@code
 * findResource} (create, patch, update), and {@code handleGet} and {@code handleDelete}, which scan
 * in a private method; those two are answered here for named objects the way the stock ones answer
 * them, and left to the stock code for lists and watches (rare: an informer lists once).
 *
 * <p>The store and the dispatcher's lock are private fields of fabric8 8.0.0, reached by reflection
 * once at construction: a fabric8 upgrade that renames them fails here, loudly, not later.
 */
final class IndexedCrudDispatcher extends KubernetesCrudDispatcher {

  private final NameIndexedStore store = new NameIndexedStore();
  private final ReadWriteLock lock;

  IndexedCrudDispatcher() {
    try {
      field(CrudDispatcher.class, "map").set(this, store);
      lock = (ReadWriteLock) field(KubernetesCrudDispatcher.class, "lock").get(this);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("fabric8's mock changed: cannot index its store", e);
    }
  }

  @Override
  public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
    Optional<List<AttributeSet>> candidates = store.candidates(query);
    if (candidates.isEmpty()) {
      return super.findResource(query);
    }
    return candidates.get().stream()
        .findFirst()
        .map(k -> new AbstractMap.SimpleImmutableEntry<>(k, store.get(k)))
        .orElse(null);
  }

  @Override
  public MockResponse handleGet(String path) {
    Optional<AttributeSet> query = namedQuery(path);
    if (query.isEmpty()) {
      return super.handleGet(path);
    }
    return locked(lock.readLock(), () -> answer(store.candidates(query.get()).orElseThrow()));
  }

  @Override
  public MockResponse handleDelete(String path) {
    Optional<AttributeSet> query = namedQuery(path);
    if (query.isEmpty()) {
      return super.handleDelete(path);
    }
    return locked(
        lock.writeLock(),
        () -> {
          List<AttributeSet> keys = store.candidates(query.get()).orElseThrow();
          MockResponse response = answer(keys);
          keys.forEach(key -> delete(path, query.get(), key));
          return response;
        });
  }

  /** The query of a path naming one object; empty for lists and watches. */
  private Optional<AttributeSet> namedQuery(String path) {
    if (path.contains("watch=")) {
      return Optional.empty();
    }
    AttributeSet query = getKey(path);
    return NameIndexedStore.namesOneObject(query) ? Optional.of(query) : Optional.empty();
  }

  /** The first object, as the stock dispatcher answers a request naming an object. */
  private MockResponse answer(List<AttributeSet> keys) {
    MockResponse response = new MockResponse();
    if (keys.isEmpty()) {
      return response.setResponseCode(HttpURLConnection.HTTP_NOT_FOUND);
    }
    return response.setResponseCode(HttpURLConnection.HTTP_OK).setBody(store.get(keys.get(0)));
  }

  /**
   * What the stock dispatcher does on delete: an object without finalizers goes (DELETED to its
   * watchers); one with finalizers is only marked, once, with a deletion timestamp (MODIFIED).
   */
  private void delete(String path, AttributeSet query, AttributeSet key) {
    GenericKubernetesResource resource =
        Serialization.unmarshal(store.get(key), GenericKubernetesResource.class);
    if (resource.getFinalizers().isEmpty()) {
      processEvent(path, query, key, null, null);
    } else if (!resource.isMarkedForDeletion()) {
      resource
          .getMetadata()
          .setDeletionTimestamp(
              ZonedDateTime.now(ZoneOffset.UTC)
                  .truncatedTo(ChronoUnit.SECONDS)
                  .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
      resource.getMetadata().setResourceVersion(String.valueOf(requestResourceVersion()));
      processEvent(path, query, key, resource, Serialization.asJson(resource));
    }
  }

  private static <T> T locked(Lock l, Supplier<T> action) {
    l.lock();
    try {
      return action.get();
    } finally {
      l.unlock();
    }
  }

  private static Field field(Class<?> owner, String name) throws NoSuchFieldException {
    Field f = owner.getDeclaredField(name);
    f.setAccessible(true);
    return f;
  }
}

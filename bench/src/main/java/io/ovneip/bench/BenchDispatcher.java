package io.ovneip.bench;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.CrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.lang.reflect.Field;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * fabric8's CRUD dispatcher with two fixes that keep the mock API from dominating what the
 * benchmark measures. The project's {@code io.ovneip.kubeapi.EmbeddedKubeApi} corrects the second
 * (and more), but builds its own {@code KubernetesCrudDispatcher}, which still scans every object
 * per lookup; until it can take an indexed store, the benchmark uses this one:
 *
 * <ul>
 *   <li><b>Lookups by name are indexed.</b> The stock {@code findResource} scans every stored
 *       object (pods and Events alike) on each create, update and patch, on the mock's single event
 *       loop thread: at 10,000 pods every request cost tens of milliseconds and a cold start spent
 *       minutes inside the mock. The store is swapped for a map that also indexes keys by their
 *       {@code name} attribute; a lookup then matches only the few objects of that name.
 *   <li><b>A failed JSON Patch {@code test} gets an answer.</b> The stock mock lets that exception
 *       escape and the client waits ~10 s for a response that never comes; the controller guards
 *       its pod writes with such a test on {@code resourceVersion}, so every lost race would be a
 *       10 s outlier a real API server (which answers at once) never causes. Answered with 422, as
 *       the real API server and the project's {@code EmbeddedKubeApi} answer; the controller's
 *       {@code PodStatusWriter} retries any refusal but 404 through its queue.
 * </ul>
 */
final class BenchDispatcher extends KubernetesCrudDispatcher {
  private final AtomicLong conflicts = new AtomicLong();
  private final NameIndexedMap store = new NameIndexedMap();

  BenchDispatcher() {
    replaceStore(store);
  }

  /** The store is a protected final field of CrudDispatcher; the swap happens before any use. */
  private void replaceStore(Map<AttributeSet, String> replacement) {
    try {
      Field f = CrudDispatcher.class.getDeclaredField("map");
      f.setAccessible(true);
      f.set(this, replacement);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("fabric8 mock changed: cannot index its store", e);
    }
  }

  @Override
  public Map.Entry<AttributeSet, String> findResource(AttributeSet key) {
    Attribute name = key.getAttribute(NameIndexedMap.NAME);
    if (name == null) {
      return super.findResource(key);
    }
    for (AttributeSet candidate : store.named(name)) {
      if (candidate.matches(key)) {
        return new AbstractMap.SimpleImmutableEntry<>(candidate, store.get(candidate));
      }
    }
    return null;
  }

  @Override
  public MockResponse handlePatch(RecordedRequest request) {
    try {
      return super.handlePatch(request);
    } catch (RuntimeException e) {
      conflicts.incrementAndGet();
      String msg = String.valueOf(e.getMessage()).replace("\\", "\\\\").replace("\"", "'");
      return new MockResponse()
          .setResponseCode(422)
          .addHeader("Content-Type", "application/json")
          .setBody(
              "{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"status\":\"Failure\",\"reason\":"
                  + "\"Invalid\",\"code\":422,\"message\":\"the JSON patch does not apply: "
                  + msg
                  + "\"}");
    }
  }

  /** Patches refused so far (failed {@code test} operations, i.e. lost races). */
  long conflicts() {
    return conflicts.get();
  }

  /**
   * The mock's store (insertion-ordered, as the stock one) plus an index from the {@code name}
   * attribute's values to the keys carrying it. The dispatcher changes the store only through
   * {@code put}, {@code remove} and {@code clear}; every other access only reads.
   */
  static final class NameIndexedMap extends LinkedHashMap<AttributeSet, String> {
    static final String NAME = "name";
    private static final long serialVersionUID = 1L;
    private final Map<String, Set<AttributeSet>> byName = new HashMap<>();

    Set<AttributeSet> named(Attribute name) {
      return byName.getOrDefault(name.getValues().toString(), Set.of());
    }

    private static String nameOf(Object key) {
      if (key instanceof AttributeSet s) {
        Attribute a = s.getAttribute(NAME);
        return a == null ? null : a.getValues().toString();
      }
      return null;
    }

    @Override
    public String put(AttributeSet key, String value) {
      String n = nameOf(key);
      if (n != null) {
        byName.computeIfAbsent(n, k -> new LinkedHashSet<>()).add(key);
      }
      return super.put(key, value);
    }

    @Override
    public String remove(Object key) {
      String n = nameOf(key);
      if (n != null && containsKey(key)) {
        Set<AttributeSet> s = byName.get(n);
        if (s != null) {
          s.remove(key);
          if (s.isEmpty()) {
            byName.remove(n);
          }
        }
      }
      return super.remove(key);
    }

    @Override
    public void clear() {
      byName.clear();
      super.clear();
    }
  }
}

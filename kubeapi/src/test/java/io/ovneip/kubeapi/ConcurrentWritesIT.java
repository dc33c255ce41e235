package io.ovneip.kubeapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests are answered on many threads at once (the front calls the dispatcher in process): the
 * guarded writes the controller relies on must stay atomic, resourceVersions unique and increasing,
 * and every watcher must see each object's changes in order.
 */
class ConcurrentWritesIT {
  private static final int PODS = 40;
  private static final int WRITES_PER_POD = 5;
  private static final int THREADS = 8;
  private static final Duration WAIT = Duration.ofSeconds(60);

  private EmbeddedKubeApi api;
  private ExecutorService pool;

  @BeforeEach
  void start() throws Exception {
    api = EmbeddedKubeApi.start(0);
    pool = Executors.newFixedThreadPool(THREADS);
  }

  @AfterEach
  void stop() {
    pool.shutdownNow();
    api.close();
  }

  @Test
  void everyWatcherSeesEveryPodsVersionsInOrderAndVersionsAreUnique() throws Exception {
    KubernetesClient client = api.client();
    for (int i = 0; i < PODS; i++) {
      client.pods().inNamespace("default").resource(pod("p" + i)).create();
    }
    try (KubernetesClient first = newClient();
        KubernetesClient second = newClient()) {
      VersionLog a = new VersionLog();
      VersionLog b = new VersionLog();
      SharedIndexInformer<Pod> ia = first.pods().inNamespace("default").inform(a, 0);
      SharedIndexInformer<Pod> ib = second.pods().inNamespace("default").inform(b, 0);
      try {
        await().atMost(WAIT).until(() -> a.pods() == PODS && b.pods() == PODS);
        Set<Long> written = ConcurrentHashMap.newKeySet();
        Map<String, Long> last = new ConcurrentHashMap<>();
        List<Future<?>> jobs = new ArrayList<>();
        for (int i = 0; i < PODS; i++) {
          String name = "p" + i;
          jobs.add(pool.submit(() -> last.put(name, patchRepeatedly(client, name, written))));
        }
        for (Future<?> job : jobs) {
          job.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }

        assertThat(written).hasSize(PODS * WRITES_PER_POD);
        await()
            .atMost(WAIT)
            .untilAsserted(
                () -> {
                  assertThat(a.latest()).containsAllEntriesOf(last);
                  assertThat(b.latest()).containsAllEntriesOf(last);
                });
        assertThat(a.outOfOrder()).isEmpty();
        assertThat(b.outOfOrder()).isEmpty();
      } finally {
        ia.close();
        ib.close();
      }
    }
  }

  @Test
  void ofRacingGuardedPatchesExactlyOneApplies() throws Exception {
    KubernetesClient client = api.client();
    Pod created = client.pods().inNamespace("default").resource(pod("contended")).create();
    String version = created.getMetadata().getResourceVersion();
    List<Future<Integer>> racers = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      String value = "writer-" + i;
      racers.add(pool.submit(() -> guardedAnnotate(client, "contended", version, value)));
    }
    List<Integer> codes = new ArrayList<>();
    for (Future<Integer> racer : racers) {
      codes.add(racer.get(WAIT.toSeconds(), TimeUnit.SECONDS));
    }

    assertThat(codes).containsOnly(200, 422);
    assertThat(Collections.frequency(codes, 200)).isEqualTo(1);
    Pod after = client.pods().inNamespace("default").withName("contended").get();
    assertThat(Long.parseLong(after.getMetadata().getResourceVersion()))
        .isGreaterThan(Long.parseLong(version));
  }

  @Test
  void namedRequestsForUnknownObjectsAre404AndTouchNoNamesake() {
    KubernetesClient client = api.client();
    client.pods().inNamespace("kube-system").resource(pod("twin")).create();

    var missing = client.pods().inNamespace("default").withName("twin");
    assertThat(missing.get()).isNull();
    KubernetesClientException patch =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            KubernetesClientException.class,
            () ->
                missing.patch(
                    PatchContext.of(PatchType.JSON),
                    "[{\"op\":\"add\",\"path\":\"/metadata/labels\",\"value\":{\"a\":\"b\"}}]"));
    assertThat(patch.getCode()).isEqualTo(404);
    assertThat(missing.delete()).isEmpty();
    assertThat(client.pods().inNamespace("kube-system").withName("twin").get()).isNotNull();
  }

  @Test
  void deletingAnObjectWithFinalizersOnlyMarksItOnce() {
    KubernetesClient client = api.client();
    client
        .pods()
        .inNamespace("default")
        .resource(
            new PodBuilder(pod("kept")).editMetadata().addToFinalizers("x/y").endMetadata().build())
        .create();
    var kept = client.pods().inNamespace("default").withName("kept");

    kept.delete();
    Pod marked = kept.get();
    kept.delete();

    assertThat(marked.getMetadata().getDeletionTimestamp()).isNotNull();
    assertThat(kept.get().getMetadata().getResourceVersion())
        .isEqualTo(marked.getMetadata().getResourceVersion());
    kept.edit(p -> new PodBuilder(p).editMetadata().withFinalizers().endMetadata().build());
    kept.delete();
    await().atMost(WAIT).until(() -> kept.get() == null);
  }

  private KubernetesClient newClient() {
    return new KubernetesClientBuilder().withConfig(api.clientConfig()).build();
  }

  /** The controller's guarded write, repeated; returns the pod's last resourceVersion. */
  private static long patchRepeatedly(KubernetesClient client, String name, Set<Long> written) {
    String version =
        client
            .pods()
            .inNamespace("default")
            .withName(name)
            .get()
            .getMetadata()
            .getResourceVersion();
    for (int i = 0; i < WRITES_PER_POD; i++) {
      Pod after =
          client
              .pods()
              .inNamespace("default")
              .withName(name)
              .patch(PatchContext.of(PatchType.JSON), guarded(version, "v" + i));
      version = after.getMetadata().getResourceVersion();
      written.add(Long.parseLong(version));
    }
    return Long.parseLong(version);
  }

  private static int guardedAnnotate(
      KubernetesClient client, String name, String version, String value) {
    try {
      client
          .pods()
          .inNamespace("default")
          .withName(name)
          .patch(PatchContext.of(PatchType.JSON), guarded(version, value));
      return 200;
    } catch (KubernetesClientException e) {
      return e.getCode();
    }
  }

  private static String guarded(String version, String value) {
    return "[{\"op\":\"test\",\"path\":\"/metadata/resourceVersion\",\"value\":\""
        + version
        + "\"},{\"op\":\"add\",\"path\":\"/metadata/annotations\",\"value\":{\"w\":\""
        + value
        + "\"}}]";
  }

  private static Pod pod(String name) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("c")
        .withImage("nginx")
        .endContainer()
        .endSpec()
        .build();
  }

  /** Each pod's latest resourceVersion as one watcher saw it, and any step backwards. */
  private static final class VersionLog implements ResourceEventHandler<Pod> {
    private final Map<String, Long> latest = new ConcurrentHashMap<>();
    private final List<String> outOfOrder = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onAdd(Pod pod) {
      seen(pod);
    }

    @Override
    public void onUpdate(Pod before, Pod after) {
      seen(after);
    }

    @Override
    public void onDelete(Pod pod, boolean finalStateUnknown) {
      latest.remove(pod.getMetadata().getName());
    }

    private void seen(Pod pod) {
      long version = Long.parseLong(pod.getMetadata().getResourceVersion());
      Long before = latest.put(pod.getMetadata().getName(), version);
      if (before != null && before > version) {
        outOfOrder.add(pod.getMetadata().getName() + ": " + before + " then " + version);
      }
    }

    int pods() {
      return latest.size();
    }

    Map<String, Long> latest() {
      return Map.copyOf(latest);
    }

    List<String> outOfOrder() {
      return List.copyOf(outOfOrder);
    }
  }
}

package io.ovneip.bench.api;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.ovneip.bench.Addresses;
import io.ovneip.bench.BenchPod;
import io.ovneip.bench.KubeApi;
import io.ovneip.bench.Stats;
import io.ovneip.bench.ThreadCpu;
import io.ovneip.runtime.Threads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One load of an embedded API the way the controller's cold start loads it: {@code pods} pods
 * stored, two pod informers open (the controller's and the benchmark's own), then for each of
 * {@code written} pods a guarded JSON Patch of its annotations, a guarded JSON Patch of its status
 * and one Event, from 8 threads. Timed until every request is answered, and until both informers
 * have seen every pod's last write (an API that answers fast but lags its watches is no faster).
 */
final class ApiLoad {
  private static final int THREADS = 8;
  private static final Duration WAIT = Duration.ofMinutes(10);
  private static final String ROUTED_PATH = "/metadata/annotations/ovn.kubernetes.io~1routed";

  /** What one load measured. */
  record Result(
      String target,
      int pods,
      long requests,
      double seedS,
      double answeredS,
      double watchedS,
      double apiCpuS,
      long orderViolations) {
    double answeredPerS() {
      return requests / answeredS;
    }

    double watchedPerS() {
      return requests / watchedS;
    }

    /** Requests per CPU second of the API's own threads: what one free core would sustain. */
    double perApiCpuS() {
      return requests / apiCpuS;
    }
  }

  /**
   * The API's threads: the mock's Vert.x event loop, the embedded API's front (requests and
   * watches) and the mock's per-watch senders.
   */
  private static final List<String> API_THREADS =
      List.of("vert.x-eventloop", "kube-front", "pool-");

  private final String target;
  private final Config config;
  private final int pods;
  private final int written;

  ApiLoad(String target, Config config, int pods, int written) {
    this.target = target;
    this.config = config;
    this.pods = pods;
    this.written = Math.min(written, pods);
  }

  Result run() throws Exception {
    List<BenchPod> all = Addresses.pods(0, pods);
    try (KubernetesClient writer = client();
        KubernetesClient first = client();
        KubernetesClient second = client()) {
      Map<String, String> created = new ConcurrentHashMap<>();
      long t0 = System.nanoTime();
      parallel(
          all,
          p ->
              created.put(
                  p.name(),
                  writer
                      .pods()
                      .inNamespace("default")
                      .resource(KubeApi.pod(p))
                      .create()
                      .getMetadata()
                      .getResourceVersion()));
      double seedS = Stats.seconds(System.nanoTime() - t0);
      PodVersions a = new PodVersions();
      PodVersions b = new PodVersions();
      SharedIndexInformer<Pod> ia = a.inform(first);
      SharedIndexInformer<Pod> ib = b.inform(second);
      try {
        a.awaitCount(pods);
        b.awaitCount(pods);
        List<BenchPod> targets = all.subList(0, written);
        Map<String, Long> last = new ConcurrentHashMap<>();
        AtomicLong requests = new AtomicLong();
        ThreadCpu apiCpu = new ThreadCpu(API_THREADS);
        long t1 = System.nanoTime();
        parallel(
            targets, p -> last.put(p.name(), write(writer, p, created.get(p.name()), requests)));
        double answeredS = Stats.seconds(System.nanoTime() - t1);
        a.awaitVersions(last);
        b.awaitVersions(last);
        double watchedS = Stats.seconds(System.nanoTime() - t1);
        return new Result(
            target,
            pods,
            requests.get(),
            seedS,
            answeredS,
            watchedS,
            apiCpu.seconds(),
            a.orderViolations() + b.orderViolations());
      } finally {
        ia.close();
        ib.close();
      }
    }
  }

  private KubernetesClient client() {
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** The controller's three writes for one pod; returns the pod's resourceVersion after them. */
  private static long write(KubernetesClient c, BenchPod p, String rv, AtomicLong requests) {
    var pod = c.pods().inNamespace("default").withName(p.name());
    Pod routed =
        pod.patch(
            PatchContext.of(PatchType.JSON),
            "[{\"op\":\"test\",\"path\":\"/metadata/resourceVersion\",\"value\":\""
                + rv
                + "\"},{\"op\":\"add\",\"path\":\""
                + ROUTED_PATH
                + "\",\"value\":\"true\"}]");
    Pod ready =
        pod.subresource("status")
            .patch(
                PatchContext.of(PatchType.JSON),
                "[{\"op\":\"test\",\"path\":\"/metadata/resourceVersion\",\"value\":\""
                    + routed.getMetadata().getResourceVersion()
                    + "\"},{\"op\":\"add\",\"path\":\"/status\",\"value\":{\"conditions\":[{"
                    + "\"type\":\"ovn-eip.io/ready\",\"status\":\"True\","
                    + "\"reason\":\"Routed\",\"message\":\"routed\"}]}}]");
    c.v1()
        .events()
        .inNamespace("default")
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withGenerateName(p.name() + ".")
                .endMetadata()
                .withNewInvolvedObject()
                .withKind("Pod")
                .withNamespace("default")
                .withName(p.name())
                .endInvolvedObject()
                .withType("Normal")
                .withReason("Routed")
                .withMessage("routed")
                .build())
        .create();
    requests.addAndGet(3);
    return Long.parseLong(ready.getMetadata().getResourceVersion());
  }

  /** Runs {@code action} on every pod, {@link #THREADS} at a time; fails on the first error. */
  private static void parallel(List<BenchPod> pods, java.util.function.Consumer<BenchPod> action)
      throws Exception {
    // Named apart from the API's threads, so ThreadCpu does not count the load's own CPU.
    ExecutorService pool = Executors.newFixedThreadPool(THREADS, Threads.daemon("load-writer"));
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (BenchPod p : pods) {
        fs.add(pool.submit(() -> action.accept(p)));
      }
      long deadline = System.nanoTime() + WAIT.toNanos();
      for (Future<?> f : fs) {
        f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * What one informer saw: each pod's latest resourceVersion, and how often a pod's version went
   * backwards (events out of order).
   */
  private static final class PodVersions implements ResourceEventHandler<Pod> {
    private final Map<String, Long> versions = new ConcurrentHashMap<>();
    private final AtomicLong violations = new AtomicLong();

    SharedIndexInformer<Pod> inform(KubernetesClient c) {
      return c.pods().inNamespace("default").inform(this, 0);
    }

    @Override
    public void onAdd(Pod p) {
      seen(p);
    }

    @Override
    public void onUpdate(Pod old, Pod p) {
      seen(p);
    }

    @Override
    public void onDelete(Pod p, boolean unknown) {
      versions.remove(p.getMetadata().getName());
    }

    private synchronized void seen(Pod p) {
      long rv = Long.parseLong(p.getMetadata().getResourceVersion());
      Long before = versions.put(p.getMetadata().getName(), rv);
      if (before != null && before > rv) {
        violations.incrementAndGet();
      }
      notifyAll();
    }

    synchronized void awaitCount(int n) throws InterruptedException {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (versions.size() < n) {
        waitUntil(deadline, "informer sync: " + versions.size() + "/" + n);
      }
    }

    synchronized void awaitVersions(Map<String, Long> expected) throws InterruptedException {
      long deadline = System.nanoTime() + WAIT.toNanos();
      for (Map.Entry<String, Long> e : expected.entrySet()) {
        while (versions.getOrDefault(e.getKey(), 0L) < e.getValue()) {
          waitUntil(deadline, "watch of " + e.getKey() + " at " + e.getValue());
        }
      }
    }

    private void waitUntil(long deadline, String what) throws InterruptedException {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
      TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.SECONDS.toNanos(1)));
    }

    long orderViolations() {
      return violations.get();
    }
  }
}

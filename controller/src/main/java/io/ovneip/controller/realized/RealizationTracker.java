package io.ovneip.controller.realized;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ovneip.controller.kube.ClusterView;
import io.ovneip.controller.kube.PodStatusWriter;
import io.ovneip.controller.metrics.ChangeLatency;
import io.ovneip.controller.queue.QueueKey;
import io.ovneip.model.desired.DesiredResult;
import io.ovneip.model.desired.PodOutcome;
import io.ovneip.model.input.Annotations;
import io.ovneip.model.input.PodRef;
import io.ovneip.model.realized.Place;
import io.ovneip.model.realized.Realization;
import io.ovneip.model.realized.RealizedVerdict;
import io.ovneip.model.realized.SbProgress;
import io.ovneip.runtime.Backoff;
import io.ovneip.runtime.WorkQueue;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * The {@code ovn-eip.io/realized} condition (docs/behaviour.md §5.5). The reconciler tells it, for
 * each pod whose rows it committed, the {@code nb_cfg} they were committed under and where they
 * take effect; every Southbound update re-judges every tracked pod ({@link Realization}, a map
 * lookup each) and writes the condition of those whose verdict the pod does not show yet.
 *
 * <p>A queue of its own, like the readiness status: a slow API or a chassis that never catches up
 * holds up nothing else, and each pod is judged on its own.
 */
public final class RealizationTracker implements AutoCloseable {
  /** The queue key that re-judges every tracked pod. */
  static final String ALL = "realized/all";

  /** A pod's latest committed rows: under which {@code nb_cfg}, and where they take effect. */
  record Tracked(OptionalLong target, Set<Place> places) {}

  private final Map<PodRef, Tracked> tracked = new ConcurrentHashMap<>();

  /** Pods that had rows and have none now: their condition, if any, says so once. */
  private final Set<PodRef> untracked = ConcurrentHashMap.newKeySet();

  private final ClusterView view;
  private final PodStatusWriter writer;
  private final Supplier<SbProgress> sb;
  private final String gatewayPort;
  private final ExecutorService pool;
  private final BooleanSupplier active;
  private final ChangeLatency latency;
  private final IntConsumer notRealizedGauge;
  private final WorkQueue queue;

  public RealizationTracker(
      ClusterView view,
      PodStatusWriter writer,
      Supplier<SbProgress> sb,
      String gatewayPort,
      ExecutorService pool,
      BooleanSupplier active,
      ChangeLatency latency,
      IntConsumer notRealizedGauge,
      Backoff backoff,
      Clock clock) {
    this.view = view;
    this.writer = writer;
    this.sb = sb;
    this.gatewayPort = gatewayPort;
    this.pool = pool;
    this.active = active;
    this.latency = latency;
    this.notRealizedGauge = notRealizedGauge;
    this.queue = new WorkQueue("pod-realized", this::judgeAll, backoff, clock);
  }

  public void start() {
    queue.start();
  }

  public boolean idle() {
    return queue.idle();
  }

  public boolean alive() {
    return queue.alive();
  }

  /**
   * After a commit: {@code written} are the pods whose rows this transaction wrote (under {@code
   * nbCfg}); the other pods of {@code considered} keep their earlier target, or, when this process
   * has none for them (rows committed before it started), take {@code current} (NB's nb_cfg now,
   * which covers every row already in NB).
   */
  public void committed(
      DesiredResult result,
      Collection<PodRef> considered,
      Set<PodRef> written,
      OptionalLong nbCfg,
      Supplier<OptionalLong> current) {
    OptionalLong now = null;
    for (PodRef ref : considered) {
      Optional<PodOutcome> outcome = result.pod(ref);
      if (outcome.isEmpty() || !outcome.get().routable()) {
        if (tracked.remove(ref) != null) {
          untracked.add(ref);
          latency.forget(QueueKey.pod(ref).print());
        }
        continue;
      }
      Set<Place> places = Place.of(outcome.get().rows(), ref);
      if (written.contains(ref)) {
        tracked.put(ref, new Tracked(nbCfg, places));
      } else {
        Tracked before = tracked.get(ref);
        if (before == null) {
          if (now == null) {
            now = current.get();
          }
          tracked.put(ref, new Tracked(now, places));
        } else if (!before.places().equals(places)) {
          tracked.put(ref, new Tracked(before.target(), places));
        }
      }
      untracked.remove(ref);
    }
    queue.add(ALL);
  }

  /** The Southbound changed: every tracked pod is judged again. */
  public void southboundChanged() {
    queue.add(ALL);
  }

  /** The verdict for one pod now, empty when none of its rows are committed. */
  public Optional<RealizedVerdict> verdict(PodRef ref) {
    Tracked t = tracked.get(ref);
    return t == null ? Optional.empty() : Optional.of(judge(t, sb.get()));
  }

  private RealizedVerdict judge(Tracked t, SbProgress progress) {
    if (t.target().isEmpty()) {
      return new RealizedVerdict(
          false,
          RealizedVerdict.NORTHD_BEHIND,
          "NB has no NB_Global row (ovn-northd creates it): realization cannot be tracked");
    }
    return Realization.judge(t.target().getAsLong(), t.places(), progress, gatewayPort);
  }

  private Map<String, Throwable> judgeAll(Set<String> keys) {
    Map<String, Throwable> failed = new ConcurrentHashMap<>();
    SbProgress progress = sb.get();
    List<Runnable> writes = new ArrayList<>();
    int notRealized = 0;
    for (Map.Entry<PodRef, Tracked> e : tracked.entrySet()) {
      PodRef ref = e.getKey();
      Optional<Pod> pod = view.pod(ref.namespace(), ref.name());
      if (pod.isEmpty()) {
        tracked.remove(ref, e.getValue());
        latency.forget(QueueKey.pod(ref).print());
        continue;
      }
      RealizedVerdict v = judge(e.getValue(), progress);
      if (!v.realized()) {
        notRealized++;
      } else {
        latency.realized(QueueKey.pod(ref).print());
      }
      if (!PodStatusWriter.hasCondition(
          pod.get(), Annotations.REALIZED_CONDITION, v.realized(), v.reason(), v.message())) {
        writes.add(() -> write(pod.get(), v, failed));
      }
    }
    for (PodRef ref : List.copyOf(untracked)) {
      untracked.remove(ref);
      view.pod(ref.namespace(), ref.name())
          .filter(p -> PodStatusWriter.condition(p, Annotations.REALIZED_CONDITION).isPresent())
          .ifPresent(
              p ->
                  writes.add(
                      () ->
                          write(
                              p,
                              new RealizedVerdict(
                                  false,
                                  RealizedVerdict.NOT_COMMITTED,
                                  "the pod has no rows committed"),
                              failed)));
    }
    notRealizedGauge.accept(notRealized);
    if (active.getAsBoolean()) {
      runAll(writes);
    }
    return failed;
  }

  private void write(Pod pod, RealizedVerdict v, Map<String, Throwable> failed) {
    try {
      writer.setCondition(
          pod, Annotations.REALIZED_CONDITION, v.realized(), v.reason(), v.message());
    } catch (KubernetesClientException e) {
      // 404: the pod went away meanwhile. Anything else (a 409 on a stale read): judge again.
      if (e.getCode() != 404) {
        failed.put(ALL, e);
      }
    }
  }

  private void runAll(List<Runnable> writes) {
    List<Future<?>> running = new ArrayList<>(writes.size());
    for (Runnable w : writes) {
      running.add(pool.submit(w));
    }
    for (Future<?> f : running) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running.forEach(r -> r.cancel(true));
        return;
      } catch (ExecutionException e) {
        throw new IllegalStateException("realized condition write failed", e.getCause());
      }
    }
  }

  @Override
  public void close() {
    queue.close();
  }
}

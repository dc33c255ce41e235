package io.ovneip.controller.publish;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ovneip.controller.kube.ClusterView;
import io.ovneip.controller.kube.EventRecorder;
import io.ovneip.controller.kube.KubeInputs;
import io.ovneip.controller.kube.PodStatusWriter;
import io.ovneip.controller.kube.RoutedOwner;
import io.ovneip.controller.queue.QueueKey;
import io.ovneip.model.desired.AddressOutcome;
import io.ovneip.model.desired.DesiredResult;
import io.ovneip.model.desired.PodOutcome;
import io.ovneip.model.input.PodIntent;
import io.ovneip.model.input.PodIntentParser;
import io.ovneip.model.input.PodRef;
import io.ovneip.runtime.Backoff;
import io.ovneip.runtime.WorkQueue;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Shows each pod what the model decided (docs/behaviour.md §5): the readiness condition, the {@code
 * ovn-eip.io/applied} annotation, Events and, only where Kube-OVN does not own it, {@code routed}
 * (set once rows are committed, never removed: {@link RoutedOwner}). Level-triggered like the rows:
 * it compares what a pod shows with what it should show and writes only the difference, so
 * hand-overs after a conflict reach pods nobody touched.
 *
 * <p>Status has its own queue: the reconciler hands over verdicts once their rows are committed and
 * goes on with the next batch, so thousands of API writes after a cold start never hold back the
 * next Northbound transaction. A failed write is retried with the queue's backoff.
 */
public final class PodStatusPublisher implements AutoCloseable {
  /**
   * What a pod should show. {@code routed}: add {@code routed=true} if missing (never removed);
   * {@code applied}: the value of {@code ovn-eip.io/applied}, empty = no such annotation.
   */
  record Shown(
      boolean routed, boolean ready, String reason, String message, Optional<String> applied) {}

  /** An outcome, and the intent it was decided from (its rows are committed). */
  private record Verdict(PodIntent intent, PodOutcome outcome) {}

  private final PodStatusWriter writer;
  private final EventRecorder events;
  private final ClusterView view;
  private final ExecutorService pool;
  private final BooleanSupplier active;
  private final Map<PodRef, Verdict> verdicts = new ConcurrentHashMap<>();
  private final WorkQueue queue;
  private final Clock clock;
  private final RoutedOwner routedOwner;

  /**
   * {@code pool} runs status writes side by side: they are independent API calls (the fabric8
   * client is thread-safe), and a cold start over thousands of pods must not wait on one round trip
   * at a time. The common fork-join pool is no place for blocking calls. Nothing is written while
   * {@code active} is false (a replica that is not leading).
   */
  public PodStatusPublisher(
      PodStatusWriter writer,
      EventRecorder events,
      ClusterView view,
      ExecutorService pool,
      BooleanSupplier active,
      RoutedOwner routedOwner,
      Backoff backoff,
      Clock clock) {
    if (routedOwner == RoutedOwner.AUTO) {
      throw new IllegalArgumentException("resolve the routed owner before starting");
    }
    this.routedOwner = routedOwner;
    this.writer = writer;
    this.events = events;
    this.view = view;
    this.pool = pool;
    this.active = active;
    this.queue = new WorkQueue("pod-status", this::showAll, backoff, clock);
    this.clock = clock;
  }

  public void start() {
    queue.start();
  }

  /** True when no status write waits or runs. */
  public boolean idle() {
    return queue.idle();
  }

  /** False once the status worker has died. */
  public boolean alive() {
    return queue.alive();
  }

  /** Checks again what a pod shows against its verdict (a pod changed only in what it shows). */
  public void recheck(String podKey) {
    queue.add(podKey);
  }

  /**
   * Hands over the verdicts on {@code pods}, whose rows are committed, to be shown. {@code intents}
   * gives the intent each was decided from.
   */
  public void publish(
      DesiredResult result, Collection<PodRef> pods, Function<PodRef, PodIntent> intents) {
    for (PodRef ref : pods) {
      Optional<PodOutcome> outcome = result.pod(ref);
      if (outcome.isPresent()) {
        verdicts.put(ref, new Verdict(intents.apply(ref), outcome.get()));
      } else {
        verdicts.remove(ref);
      }
      queue.add(QueueKey.pod(ref).print());
    }
  }

  /**
   * Shows {@code pod} that Northbound refused its rows ({@code why}): its condition goes False at
   * once, decided from {@code intent} (docs/behaviour.md §9.2).
   */
  public void publishRefused(PodRef pod, PodIntent intent, String why) {
    verdicts.put(pod, new Verdict(intent, PodOutcome.refused(pod, why)));
    queue.add(QueueKey.pod(pod).print());
  }

  /** The status queue's handler: shows each pod of the batch its latest verdict. */
  private Map<String, Throwable> showAll(Set<String> keys) {
    Map<String, Throwable> failed = new ConcurrentHashMap<>();
    if (!active.getAsBoolean()) {
      return failed;
    }
    List<Runnable> writes = new ArrayList<>();
    for (String key : keys) {
      PodRef ref = ((QueueKey.Pod) QueueKey.parse(key)).pod();
      Optional<Pod> pod = view.pod(ref.namespace(), ref.name());
      Verdict verdict = verdicts.get(ref);
      if (pod.isEmpty()) {
        verdicts.remove(ref);
        events.forget("Pod", ref.namespace(), ref.name());
      } else if (verdict != null && verdict.intent().equals(intentOf(pod.get()))) {
        // (A pod whose annotations moved on since the verdict is skipped: its own reconcile
        // follows and hands over a verdict for what it asks now; routed must never claim rows
        // for annotations that are not committed.) Only pods that show something else cost a
        // task: rechecks of settled pods are most of this queue's keys.
        toShow(pod.get(), verdict.outcome(), routedOwner)
            .ifPresent(
                shown ->
                    writes.add(
                        () ->
                            attempt(
                                pod.get(),
                                failed,
                                () -> show(pod.get(), verdict.outcome(), shown))));
      }
    }
    runAll(writes, Runnable::run);
    return failed;
  }

  private PodIntent intentOf(Pod pod) {
    return PodIntentParser.parse(KubeInputs.facts(pod, clock.instant()));
  }

  private <T> void runAll(Collection<T> items, Consumer<T> action) {
    List<Future<?>> running = new ArrayList<>(items.size());
    for (T item : items) {
      running.add(pool.submit(() -> action.accept(item)));
    }
    for (Future<?> f : running) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running.forEach(r -> r.cancel(true));
        return;
      } catch (ExecutionException e) {
        // attempt() records API failures per key; anything else is a bug worth a full retry.
        throw new IllegalStateException("status write failed", e.getCause());
      }
    }
  }

  /**
   * What the pod must be shown that it does not show yet; empty when nothing is to be written (also
   * when an earlier run of the controller showed it, and recorded its Events then: a restart over
   * 10,000 settled pods writes nothing).
   */
  private static Optional<Shown> toShow(Pod pod, PodOutcome outcome, RoutedOwner owner) {
    return shown(outcome, PodStatusWriter.hasReadyCondition(pod), owner)
        .filter(s -> !alreadyShows(pod, s));
  }

  private void show(Pod pod, PodOutcome outcome, Shown s) {
    recordEvents(pod, outcome);
    // The annotations last: whoever waits for them (a script, the CNI waiting for routed) finds
    // the condition and the Events already in place.
    Pod current = writer.setCondition(pod, s.ready(), s.reason(), s.message());
    writer.setAnnotations(current, s.applied(), s.routed());
  }

  @Override
  public void close() {
    queue.close();
  }

  /**
   * The pure mapping from outcome to what the pod shows; empty = write nothing. {@code routed} is
   * set only where this system owns it, and only for a pod with committed rows.
   */
  static Optional<Shown> shown(PodOutcome outcome, boolean managedBefore, RoutedOwner owner) {
    Optional<String> applied = applied(outcome);
    boolean routed = owner == RoutedOwner.OVN_EIP && applied.isPresent();
    return switch (outcome.status()) {
      case APPLIED -> Optional.of(new Shown(routed, true, "Applied", summary(outcome), applied));
      case CONFLICT, INVALID ->
          Optional.of(
              new Shown(
                  routed,
                  false,
                  outcome.status() == PodOutcome.Status.CONFLICT ? "Conflict" : "InvalidAnnotation",
                  summary(outcome),
                  applied));
      case GATEWAY_DISABLED ->
          Optional.of(
              new Shown(false, false, "GatewayDisabled", outcome.reason(), Optional.empty()));
      case NO_REQUEST ->
          managedBefore
              ? Optional.of(
                  new Shown(false, false, "NoRequest", "no eip/snat annotation", Optional.empty()))
              : Optional.empty();
      case IGNORED ->
          Optional.of(new Shown(false, false, "HostNetwork", outcome.reason(), Optional.empty()));
      // The pod's rows are removed or not written: the condition says so at once (docs/behaviour.md
      // §5).
      case NOT_READY -> notWritten("NotReady", outcome);
      case PORT_NOT_FOUND -> notWritten("PortNotFound", outcome);
      case PORT_MISMATCH -> notWritten("PortMismatch", outcome);
      case OTHER_NETWORK -> notWritten("NotInClusterNetwork", outcome);
      // A finished pod that never showed anything has nothing to take back.
      case GONE ->
          managedBefore
              ? Optional.of(
                  new Shown(false, false, "Terminated", outcome.reason(), Optional.empty()))
              : Optional.empty();
      // Held (invalid, no last good config): the controller builds nothing then and publishes
      // nothing (docs/behaviour.md §2.1); only a fresh read (ovn-eip status) sees this outcome.
      case GATEWAY_INVALID -> throw new IllegalStateException("the controller never holds a pod");
      // Northbound refused its rows: not in effect, whatever was asked (docs/behaviour.md §9.2).
      case REFUSED -> notWritten("Quarantined", outcome);
    };
  }

  private static Optional<Shown> notWritten(String reason, PodOutcome outcome) {
    return Optional.of(new Shown(false, false, reason, outcome.reason(), Optional.empty()));
  }

  private void recordEvents(Pod pod, PodOutcome outcome) {
    for (AddressOutcome a : outcome.addresses()) {
      boolean ok = a.status() == AddressOutcome.Status.APPLIED;
      String message =
          ok
              ? a.request().name() + " " + a.address() + " is in effect"
              : a.request().name() + " " + a.address() + " refused: " + a.reason();
      events.record(
          pod,
          ok ? EventRecorder.Type.NORMAL : EventRecorder.Type.WARNING,
          a.eventReason(),
          message);
    }
    switch (outcome.status()) {
      case GATEWAY_DISABLED ->
          events.record(pod, EventRecorder.Type.WARNING, "GatewayDisabled", outcome.reason());
      case IGNORED ->
          events.record(pod, EventRecorder.Type.WARNING, "HostNetworkIgnored", outcome.reason());
      case PORT_MISMATCH ->
          events.record(pod, EventRecorder.Type.WARNING, "PortMismatch", outcome.reason());
      case OTHER_NETWORK ->
          events.record(pod, EventRecorder.Type.WARNING, "NotInClusterNetwork", outcome.reason());
      case INVALID -> {
        if (outcome.addresses().isEmpty()) {
          events.record(pod, EventRecorder.Type.WARNING, "InvalidAnnotation", outcome.reason());
        }
      }
      default -> {}
    }
  }

  private static String summary(PodOutcome outcome) {
    if (outcome.addresses().isEmpty()) {
      return outcome.reason();
    }
    return outcome.addresses().stream()
        .map(
            a ->
                a.request().name()
                    + " "
                    + a.address()
                    + ": "
                    + (a.status() == AddressOutcome.Status.APPLIED
                        ? "applied"
                        : a.status().name().toLowerCase() + " (" + a.reason() + ")"))
        .collect(Collectors.joining("; "));
  }

  private static boolean alreadyShows(Pod pod, Shown s) {
    return (!s.routed() || PodStatusWriter.isRouted(pod))
        && PodStatusWriter.applied(pod).equals(s.applied())
        && PodStatusWriter.hasCondition(pod, s.ready(), s.reason(), s.message());
  }

  /**
   * What {@code ovn-eip.io/applied} says for an outcome whose rows are committed: the addresses in
   * effect by request, e.g. {@code "eip=172.56.0.221"} or {@code "eip=172.56.0.221
   * snat=172.56.0.200"} (a dual-stack pair joined with a comma); empty when none is.
   */
  static Optional<String> applied(PodOutcome outcome) {
    Map<String, List<String>> byRequest = new java.util.TreeMap<>();
    for (AddressOutcome a : outcome.addresses()) {
      if (a.status() == AddressOutcome.Status.APPLIED) {
        byRequest
            .computeIfAbsent(
                a.request().name().toLowerCase(java.util.Locale.ROOT), k -> new ArrayList<>())
            .add(a.address());
      }
    }
    if (byRequest.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        byRequest.entrySet().stream()
            .map(e -> e.getKey() + "=" + String.join(",", e.getValue()))
            .collect(Collectors.joining(" ")));
  }

  private static void attempt(Pod pod, Map<String, Throwable> failed, Runnable write) {
    try {
      write.run();
    } catch (KubernetesClientException e) {
      // 404: the pod went away meanwhile; its delete event reconciles it. Anything else retries.
      if (e.getCode() != 404) {
        failed.put(ClusterView.keyOf(pod).print(), e);
      }
    }
  }
}

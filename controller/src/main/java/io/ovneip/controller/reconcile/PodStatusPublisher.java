package io.ovneip.controller.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ovneip.controller.kube.ClusterView;
import io.ovneip.controller.kube.EventRecorder;
import io.ovneip.controller.kube.PodStatusWriter;
import io.ovneip.model.desired.AddressOutcome;
import io.ovneip.model.desired.DesiredResult;
import io.ovneip.model.desired.PodOutcome;
import io.ovneip.model.input.Annotations;
import io.ovneip.model.input.PodRef;
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
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Shows each pod what the model decided (spec §5): {@code routed}, the readiness condition and
 * Events. Level-triggered like the rows: it compares what a pod shows with what it should show and
 * writes only the difference, so hand-overs after a conflict reach pods nobody touched.
 */
final class PodStatusPublisher {
  /** What a pod should show. {@code routed} empty = leave the annotation as it is. */
  record Shown(Optional<Boolean> routed, boolean ready, String reason, String message) {}

  private final PodStatusWriter writer;
  private final EventRecorder events;
  private final ExecutorService pool;

  /**
   * {@code pool} runs status writes side by side: they are independent API calls (the fabric8
   * client is thread-safe), and a cold start over thousands of pods must not wait on one round trip
   * at a time. The common fork-join pool is no place for blocking calls.
   */
  PodStatusPublisher(PodStatusWriter writer, EventRecorder events, ExecutorService pool) {
    this.writer = writer;
    this.events = events;
    this.pool = pool;
  }

  /**
   * Clears {@code routed} on pods whose rows are about to change (spec §5: the controller itself
   * clears it, applies, and sets it again). Records failures in {@code failed} (a concurrent map:
   * the pool's threads write to it) and returns the pods as the API server now has them, so that
   * the next write is not based on a stale copy.
   */
  Map<PodRef, Pod> clearRoutedBeforeChange(
      Collection<Pod> pods, Set<PodRef> changing, Map<String, Throwable> failed) {
    Map<PodRef, Pod> updated = new ConcurrentHashMap<>();
    List<Pod> routed =
        pods.stream()
            .filter(p -> changing.contains(KubeInputs.ref(p)) && PodStatusWriter.isRouted(p))
            .toList();
    runAll(
        routed,
        p -> attempt(p, failed, () -> updated.put(KubeInputs.ref(p), writer.setRouted(p, false))));
    return updated;
  }

  /**
   * Publishes every pod's outcome, using {@code fresher} copies where there are; records the keys
   * whose writes failed in {@code failed}.
   */
  void publish(
      Collection<Pod> pods,
      Map<PodRef, Pod> fresher,
      DesiredResult result,
      Map<String, Throwable> failed) {
    runAll(
        pods,
        informed -> {
          PodRef ref = KubeInputs.ref(informed);
          Pod pod = fresher.getOrDefault(ref, informed);
          result.pod(ref).ifPresent(outcome -> attempt(pod, failed, () -> show(pod, outcome)));
        });
  }

  private void runAll(Collection<Pod> pods, Consumer<Pod> action) {
    List<Future<?>> running = new ArrayList<>(pods.size());
    for (Pod pod : pods) {
      running.add(pool.submit(() -> action.accept(pod)));
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

  private void show(Pod pod, PodOutcome outcome) {
    recordEvents(pod, outcome);
    Optional<Shown> wanted = shown(outcome, hasOurCondition(pod));
    if (wanted.isEmpty()) {
      return;
    }
    Shown s = wanted.get();
    Pod current = pod;
    if (s.routed().isPresent()) {
      current = writer.setRouted(current, s.routed().get());
    }
    writer.setCondition(current, s.ready(), s.reason(), s.message());
  }

  /** The pure mapping from outcome to what the pod shows; empty = write nothing. */
  static Optional<Shown> shown(PodOutcome outcome, boolean managedBefore) {
    return switch (outcome.status()) {
      case APPLIED -> Optional.of(new Shown(Optional.of(true), true, "Applied", summary(outcome)));
      case CONFLICT, INVALID ->
          Optional.of(
              new Shown(
                  Optional.of(false),
                  false,
                  outcome.status() == PodOutcome.Status.CONFLICT ? "Conflict" : "InvalidAnnotation",
                  summary(outcome)));
      case GATEWAY_DISABLED ->
          Optional.of(new Shown(Optional.of(false), false, "GatewayDisabled", outcome.reason()));
      case NO_REQUEST ->
          managedBefore
              ? Optional.of(
                  new Shown(Optional.of(false), false, "NoRequest", "no eip/snat annotation"))
              : Optional.empty();
      case IGNORED ->
          Optional.of(new Shown(Optional.empty(), false, "HostNetwork", outcome.reason()));
      // Not ready yet, gone, or the gateway config is invalid: nothing changes (spec 2.1).
      case NOT_READY, GONE, GATEWAY_INVALID -> Optional.empty();
    };
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

  private static boolean hasOurCondition(Pod pod) {
    return pod.getStatus() != null
        && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> Annotations.READY_CONDITION.equals(c.getType()));
  }

  private static void attempt(Pod pod, Map<String, Throwable> failed, Runnable write) {

    try {
      write.run();
    } catch (KubernetesClientException e) {
      // 404: the pod went away meanwhile; its delete event reconciles it. Anything else retries.
      if (e.getCode() != 404) {
        failed.put(ClusterView.podKey(pod), e);
      }
    }
  }
}

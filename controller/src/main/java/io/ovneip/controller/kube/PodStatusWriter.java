package io.ovneip.controller.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ovneip.model.input.Annotations;
import io.ovneip.model.text.OneLine;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes what a pod shows of its EIP/SNAT state (docs/behaviour.md §5): the {@code
 * ovn-eip.io/ready} condition, the {@code ovn-eip.io/applied} annotation and, without Kube-OVN,
 * {@code ovn.kubernetes.io/routed}. Each write is a JSON Patch guarded by the pod's
 * resourceVersion, so a write based on a stale read fails with 409 and the queue retries it on the
 * fresh object instead of clobbering a user's change.
 */
public final class PodStatusWriter {
  private final KubernetesClient client;
  private final Clock clock;

  public PodStatusWriter(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public static boolean isRouted(Pod pod) {
    Map<String, String> a = pod.getMetadata().getAnnotations();
    return a != null && "true".equals(a.get(Annotations.ROUTED));
  }

  /** The value of our annotation {@code ovn-eip.io/applied}, if the pod has it. */
  public static Optional<String> applied(Pod pod) {
    Map<String, String> a = pod.getMetadata().getAnnotations();
    return Optional.ofNullable(a == null ? null : a.get(Annotations.APPLIED));
  }

  /**
   * Sets our annotation {@code ovn-eip.io/applied} to {@code applied} (empty: removed) and, when
   * {@code setRouted}, adds {@code routed=true} if missing. One patch; nothing is sent when the pod
   * already shows both. {@code routed} is never removed (docs/behaviour.md §5): with Kube-OVN
   * present the caller never asks for it, and without it a user's removal is answered by setting it
   * again.
   */
  public Pod setAnnotations(Pod pod, Optional<String> applied, boolean setRouted) {
    boolean addRouted = setRouted && !isRouted(pod);
    if (applied(pod).equals(applied) && !addRouted) {
      return pod;
    }
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    List<Map<String, Object>> ops = new ArrayList<>();
    ops.add(JsonPatches.test("/metadata/resourceVersion", pod.getMetadata().getResourceVersion()));
    Map<String, String> added = new LinkedHashMap<>();
    applied
        .filter(a -> !applied(pod).equals(Optional.of(a)))
        .ifPresent(a -> added.put(Annotations.APPLIED, a));
    if (addRouted) {
      // routed last: whoever waits for it finds the condition and what is applied in place.
      added.put(Annotations.ROUTED, "true");
    }
    if (annotations == null) {
      ops.add(JsonPatches.add("/metadata/annotations", added));
    } else {
      added.forEach((k, v) -> ops.add(JsonPatches.add(annotationPath(k), v)));
      if (applied.isEmpty() && annotations.containsKey(Annotations.APPLIED)) {
        ops.add(JsonPatches.remove(annotationPath(Annotations.APPLIED)));
      }
    }
    return client
        .pods()
        .inNamespace(pod.getMetadata().getNamespace())
        .withName(pod.getMetadata().getName())
        .patch(Patching.json(), JsonPatches.toJson(ops));
  }

  private static String annotationPath(String key) {
    return "/metadata/annotations/" + JsonPatches.pointerToken(key);
  }

  /** Whether the pod's readiness-gate condition has this status, reason and message. */
  public static boolean hasCondition(Pod pod, boolean ready, String reason, String text) {
    return hasCondition(pod, Annotations.READY_CONDITION, ready, reason, text);
  }

  /** Whether the pod's condition {@code type} has this status, reason and message. */
  public static boolean hasCondition(
      Pod pod, String type, boolean status, String reason, String text) {
    String message = OneLine.of(text);
    return condition(pod, type)
        .filter(
            c ->
                (status ? "True" : "False").equals(c.getStatus())
                    && Objects.equals(reason, c.getReason())
                    && Objects.equals(message, c.getMessage()))
        .isPresent();
  }

  /** Whether the pod has the readiness-gate condition at all (whatever its status). */
  public static boolean hasReadyCondition(Pod pod) {
    return ourCondition(pod).isPresent();
  }

  private static Optional<PodCondition> ourCondition(Pod pod) {
    return condition(pod, Annotations.READY_CONDITION);
  }

  /** The pod's condition of that type, if any. */
  public static Optional<PodCondition> condition(Pod pod, String type) {
    return conditions(pod).stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  private static List<PodCondition> conditions(Pod pod) {
    return pod.getStatus() == null || pod.getStatus().getConditions() == null
        ? List.of()
        : pod.getStatus().getConditions();
  }

  /**
   * Sets the readiness-gate condition when its status, reason or message differ. The transition
   * time changes only when the status does, as Kubernetes conditions require.
   */
  public Pod setCondition(Pod pod, boolean ready, String reason, String text) {
    return setCondition(pod, Annotations.READY_CONDITION, ready, reason, text);
  }

  /** As {@link #setCondition(Pod, boolean, String, String)}, for our condition {@code type}. */
  public Pod setCondition(Pod pod, String type, boolean ready, String reason, String text) {
    String message = OneLine.of(text);
    if (hasCondition(pod, type, ready, reason, message)) {
      return pod;
    }
    List<PodCondition> conditions = conditions(pod);
    PodCondition current = condition(pod, type).orElse(null);
    String status = ready ? "True" : "False";
    String now =
        DateTimeFormatter.ISO_INSTANT.format(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
    String transition =
        current != null && status.equals(current.getStatus())
            ? current.getLastTransitionTime()
            : now;
    Map<String, Object> condition = new LinkedHashMap<>();
    condition.put("type", type);
    condition.put("status", status);
    condition.put("reason", reason);
    condition.put("message", message);
    condition.put("lastProbeTime", null);
    condition.put("lastTransitionTime", transition);
    List<Object> updated = new ArrayList<>();
    for (PodCondition c : conditions) {
      if (!type.equals(c.getType())) {
        updated.add(c);
      }
    }
    updated.add(condition);
    List<Map<String, Object>> ops = new ArrayList<>();
    ops.add(JsonPatches.test("/metadata/resourceVersion", pod.getMetadata().getResourceVersion()));
    if (pod.getStatus() == null) {
      ops.add(JsonPatches.add("/status", Map.of("conditions", updated)));
    } else {
      ops.add(JsonPatches.add("/status/conditions", updated));
    }
    return client
        .pods()
        .inNamespace(pod.getMetadata().getNamespace())
        .withName(pod.getMetadata().getName())
        .subresource("status")
        .patch(Patching.json(), JsonPatches.toJson(ops));
  }
}

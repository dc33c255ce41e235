package io.ovneip.model.input;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The facts of a Kubernetes Pod the model needs, copied at the edge.
 *
 * @param nodeName {@code spec.nodeName}; empty when not scheduled
 * @param terminated the pod no longer runs or will not run again (phase Succeeded/Failed, or its
 *     deletion grace period is over). The edge decides, since that needs the clock; the CNI
 *     releases such a pod's IP, so its rows must go.
 */
public record PodFacts(
    PodRef pod,
    String uid,
    Instant creationTimestamp,
    String nodeName,
    boolean hostNetwork,
    Map<String, String> annotations,
    boolean terminated) {

  public PodFacts {
    Objects.requireNonNull(pod, "pod");
    uid = uid == null ? "" : uid;
    Objects.requireNonNull(creationTimestamp, "creationTimestamp");
    nodeName = nodeName == null ? "" : nodeName;
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  public String namespace() {
    return pod.namespace();
  }

  public String name() {
    return pod.name();
  }

  public boolean scheduled() {
    return !nodeName.isEmpty();
  }

  /** The pod carries {@code eip} or {@code snat} (even invalid or empty). */
  public boolean requestsNat() {
    return annotations.containsKey(Annotations.EIP) || annotations.containsKey(Annotations.SNAT);
  }
}

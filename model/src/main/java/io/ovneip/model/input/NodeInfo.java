package io.ovneip.model.input;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the model needs of a Kubernetes Node: its name, the chassis it announces in annotation
 * {@code ovn.kubernetes.io/chassis} (docs/behaviour.md §2.4) and whether it is cordoned ({@code
 * spec.unschedulable}: a cordoned gateway node gets the lowest priorities, docs/behaviour.md §3.1).
 * Labels are an output of the model (the gateway node set), not an input, so they are not kept
 * here.
 */
public record NodeInfo(String name, Optional<String> chassisAnnotation, boolean unschedulable) {
  public NodeInfo {
    Objects.requireNonNull(name, "name");
    chassisAnnotation = chassisAnnotation.map(String::strip).filter(s -> !s.isEmpty());
  }

  /** A schedulable node. */
  public NodeInfo(String name, Optional<String> chassisAnnotation) {
    this(name, chassisAnnotation, false);
  }

  /** From the node's name and annotations (null annotations = none), schedulable. */
  public static NodeInfo of(String name, Map<String, String> annotations) {
    return of(name, annotations, false);
  }

  /** From the node's name, annotations (null = none) and {@code spec.unschedulable}. */
  public static NodeInfo of(String name, Map<String, String> annotations, boolean unschedulable) {
    String chassis = annotations == null ? null : annotations.get(Annotations.CHASSIS);
    return new NodeInfo(name, Optional.ofNullable(chassis), unschedulable);
  }
}

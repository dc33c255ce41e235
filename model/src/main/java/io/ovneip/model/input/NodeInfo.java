package io.ovneip.model.input;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the model needs of a Kubernetes Node: its name and the chassis it announces in annotation
 * {@code ovn.kubernetes.io/chassis} (docs/behaviour.md §2.4). Labels are an output of the model
 * (the gateway node set), not an input, so they are not kept here.
 */
public record NodeInfo(String name, Optional<String> chassisAnnotation) {
  public NodeInfo {
    Objects.requireNonNull(name, "name");
    chassisAnnotation = chassisAnnotation.map(String::strip).filter(s -> !s.isEmpty());
  }

  /** From the node's name and annotations (null annotations = none). */
  public static NodeInfo of(String name, Map<String, String> annotations) {
    String chassis = annotations == null ? null : annotations.get(Annotations.CHASSIS);
    return new NodeInfo(name, Optional.ofNullable(chassis));
  }
}

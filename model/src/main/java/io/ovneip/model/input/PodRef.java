package io.ovneip.model.input;

import java.util.Comparator;
import java.util.Objects;

/** A pod's namespace and name. Ordered by namespace, then name (the conflict tie-breaker). */
public record PodRef(String namespace, String name) implements Comparable<PodRef> {
  private static final Comparator<PodRef> ORDER =
      Comparator.comparing(PodRef::namespace).thenComparing(PodRef::name);

  public PodRef {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
  }

  /** {@code <pod>.<namespace>}: the pod's Logical_Switch_Port name in Kube-OVN. */
  public String logicalPortName() {
    return name + "." + namespace;
  }

  @Override
  public int compareTo(PodRef o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}

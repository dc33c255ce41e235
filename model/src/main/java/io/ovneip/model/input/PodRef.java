package io.ovneip.model.input;

import java.util.Objects;

/**
 * A pod's namespace and name. Ordered by namespace, then name (the conflict tie-breaker).
 *
 * <p>A class rather than a record only to keep its hash: every reconcile looks up each of thousands
 * of pods by its ref in several maps, and the strings it is made of are often fresh copies (parsed
 * from a key, deserialized from an API response) whose hashes are not cached yet.
 */
public final class PodRef implements Comparable<PodRef> {
  private final String namespace;
  private final String name;
  private final int hash;

  public PodRef(String namespace, String name) {
    this.namespace = Objects.requireNonNull(namespace, "namespace");
    this.name = Objects.requireNonNull(name, "name");
    this.hash = 31 * namespace.hashCode() + name.hashCode();
  }

  public String namespace() {
    return namespace;
  }

  public String name() {
    return name;
  }

  /** {@code <pod>.<namespace>}: the pod's Logical_Switch_Port name in Kube-OVN. */
  public String logicalPortName() {
    return name + "." + namespace;
  }

  @Override
  public int compareTo(PodRef o) {
    int c = namespace.compareTo(o.namespace);
    return c != 0 ? c : name.compareTo(o.name);
  }

  @Override
  public boolean equals(Object o) {
    return o == this
        || (o instanceof PodRef p
            && hash == p.hash
            && namespace.equals(p.namespace)
            && name.equals(p.name));
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}

package io.ovneip.sandbox.fault;

import java.util.List;
import java.util.Optional;

/** Every fault {@code ovn-eip sandbox fault} knows, in {@code --list} order: the one registry. */
public final class Faults {
  private static final List<Fault> ALL = List.of(new KubeOvnRestart(), new KubeOvnCniGateway());

  private Faults() {}

  public static List<Fault> all() {
    return ALL;
  }

  public static Optional<Fault> named(String name) {
    return ALL.stream().filter(f -> f.name().equals(name)).findFirst();
  }
}

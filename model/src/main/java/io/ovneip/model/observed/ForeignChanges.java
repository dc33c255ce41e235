package io.ovneip.model.observed;

import java.util.Set;

/**
 * What one replica update changed among the rows not ours that the model reads ({@link NbFacts}):
 * the names of Logical_Switch_Ports added, changed, moved or removed (a pod's port concerns that
 * pod only), and whether anything that can change many pods' verdicts changed (a NAT row or policy
 * not ours, a switch's router or localnet port, a router port, the router's ports).
 */
public record ForeignChanges(Set<String> portNames, boolean wide) {
  public static final ForeignChanges NONE = new ForeignChanges(Set.of(), false);

  public ForeignChanges {
    portNames = Set.copyOf(portNames);
  }

  public boolean isEmpty() {
    return portNames.isEmpty() && !wide;
  }
}

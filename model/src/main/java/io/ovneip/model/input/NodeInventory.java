package io.ovneip.model.input;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The cluster's nodes and the Southbound {@code Chassis} rows ({@code hostname -> name}), with the
 * chassis resolution rule of docs/behaviour.md §2.4.
 *
 * @param sbChassisByHostname SB {@code Chassis.hostname -> Chassis.name}; may be empty
 * @param activeGatewayChassis the chassis the SB binds the gateway's {@code cr-<router port>} to
 *     now (which gateway chassis is active), if any: the non-preemptive order keeps it first
 *     (docs/behaviour.md §3.1)
 * @param demotedChassis gateway chassis whose ovn-controller stopped catching up: they get the
 *     lowest gateway priority (docs/behaviour.md §5.6)
 */
public record NodeInventory(
    List<NodeInfo> nodes,
    Map<String, String> sbChassisByHostname,
    Optional<String> activeGatewayChassis,
    Set<String> demotedChassis) {
  public NodeInventory {
    nodes = List.copyOf(nodes);
    sbChassisByHostname = Map.copyOf(sbChassisByHostname);
    java.util.Objects.requireNonNull(activeGatewayChassis, "activeGatewayChassis");
    demotedChassis = Set.copyOf(demotedChassis);
  }

  /** Without knowing which gateway chassis is active, none demoted. */
  public NodeInventory(List<NodeInfo> nodes, Map<String, String> sbChassisByHostname) {
    this(nodes, sbChassisByHostname, Optional.empty(), Set.of());
  }

  /** Knowing which gateway chassis is active, none demoted. */
  public NodeInventory(
      List<NodeInfo> nodes,
      Map<String, String> sbChassisByHostname,
      Optional<String> activeGatewayChassis) {
    this(nodes, sbChassisByHostname, activeGatewayChassis, Set.of());
  }

  public static NodeInventory of(List<NodeInfo> nodes) {
    return new NodeInventory(nodes, Map.of());
  }

  /**
   * The chassis of a node: its {@code ovn.kubernetes.io/chassis} annotation (the OVS system-id,
   * written by the CNI), else the SB Chassis whose hostname is the node name.
   */
  public static Optional<String> chassisOf(NodeInfo node, Map<String, String> sbChassisByHostname) {
    return node.chassisAnnotation()
        .or(() -> Optional.ofNullable(sbChassisByHostname.get(node.name())));
  }

  public Optional<String> chassisOf(NodeInfo node) {
    return chassisOf(node, sbChassisByHostname);
  }

  /** The node of that name, if it exists. */
  public Optional<NodeInfo> node(String name) {
    return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
  }
}

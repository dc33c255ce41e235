package io.ovneip.model.desired;

import io.ovneip.model.input.GatewayConfig;
import io.ovneip.model.input.GatewaySettings;
import io.ovneip.model.input.GatewayType;
import io.ovneip.model.input.IpPrefix;
import io.ovneip.model.input.NodeInfo;
import io.ovneip.model.input.NodeInventory;
import io.ovneip.model.input.RecordedConfig;
import io.ovneip.model.nb.NbGatewayChassis;
import io.ovneip.model.nb.NbLogicalSwitch;
import io.ovneip.model.nb.NbRouterPort;
import io.ovneip.model.nb.NbRow;
import io.ovneip.model.nb.NbSwitchPort;
import io.ovneip.model.nb.OwnerKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The gateway rows of docs/behaviour.md §3 for an enabled, valid config. */
final class GatewayRows {
  private static final OwnerKey OWNER = OwnerKey.GATEWAY;

  /** The rows, the outcome to report and the nodes to label as gateways. */
  record Result(List<NbRow> rows, GatewayOutcome.Applied outcome, List<String> gatewayNodes) {}

  private GatewayRows() {}

  static Result build(GatewaySettings s, GatewayConfig config, NodeInventory inventory) {
    List<NbRow> rows = new ArrayList<>(topology(s, config));
    List<String> chassis = new ArrayList<>();
    List<String> withoutChassis = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    List<String> duplicates = new ArrayList<>();
    List<String> gatewayNodes = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<Candidate> candidates = order(config, inventory, candidates(config, inventory, unknown));
    boolean reordered = !candidates.equals(sortedByIndex(candidates));
    for (int position = 0; position < candidates.size(); position++) {
      Candidate c = candidates.get(position);
      gatewayNodes.add(c.node.name());
      Optional<String> ch = inventory.chassisOf(c.node);
      if (ch.isEmpty()) {
        withoutChassis.add(c.node.name());
      } else if (!seen.add(ch.get())) {
        duplicates.add(c.node.name());
      } else {
        chassis.add(ch.get());
        // Priority 100 - i in configured order (docs/behaviour.md §3), or 100 - position when
        // cordon or the active gateway changed the order (§3.1); a demoted chassis 0 (§5.6).
        int rank = reordered ? position : c.index;
        rows.add(
            new NbGatewayChassis(
                OWNER,
                s.gatewayChassisName(ch.get()),
                ch.get(),
                priority(rank, ch.get(), inventory)));
      }
    }
    if (config.type() == GatewayType.DISTRIBUTED) {
      // Distributed: every node with a chassis is a gateway (docs/behaviour.md §2.4).
      gatewayNodes.removeAll(withoutChassis);
    }
    var outcome =
        new GatewayOutcome.Applied(config.type(), chassis, withoutChassis, unknown, duplicates);
    return new Result(rows, outcome, gatewayNodes);
  }

  private record Candidate(NodeInfo node, int index) {}

  private static List<Candidate> sortedByIndex(List<Candidate> candidates) {
    List<Candidate> out = new ArrayList<>(candidates);
    out.sort(Comparator.comparingInt(Candidate::index));
    return out;
  }

  /**
   * The order of the gateway chassis (docs/behaviour.md §3.1): cordoned nodes last (they stay
   * backups, so the gateway leaves a node before it is drained); then, unless failback is
   * preemptive, the chassis that is active now (SB {@code cr-<router port>}) first when it is a
   * schedulable candidate, so a node returning after a failover becomes a backup instead of taking
   * the gateway back (OVN's failback is preemptive and costs a second outage). Otherwise the
   * configured order.
   */
  private static List<Candidate> order(
      GatewayConfig config, NodeInventory inventory, List<Candidate> candidates) {
    List<Candidate> out = new ArrayList<>(candidates);
    out.sort(Comparator.comparing((Candidate c) -> c.node.unschedulable()));
    if (!config.preemptive() && inventory.activeGatewayChassis().isPresent()) {
      String active = inventory.activeGatewayChassis().get();
      for (int i = 1; i < out.size(); i++) {
        Candidate c = out.get(i);
        if (!c.node.unschedulable()
            && inventory.chassisOf(c.node).filter(active::equals).isPresent()) {
          out.remove(i);
          out.add(0, c);
          break;
        }
      }
    }
    return out;
  }

  /**
   * Priority 100 - i in configured order (docs/behaviour.md §3); the schema floor is 0, so with
   * more than 100 nodes the tail shares priority 0 (OVN then orders them by chassis name). A
   * demoted chassis (its ovn-controller stopped catching up, docs/behaviour.md §5.6) gets the
   * floor, so OVN moves the gateway to a healthy one; it gets its place back once restored.
   */
  /**
   * 100 - rank, floored at the schema's 0 (with more than 100 nodes the tail shares 0; OVN then
   * orders by chassis name); 0 for a demoted chassis (docs/behaviour.md §5.6).
   */
  private static int priority(int rank, String chassis, NodeInventory inventory) {
    if (inventory.demotedChassis().contains(chassis)) {
      return 0;
    }
    return Math.max(0, 100 - rank);
  }

  /**
   * Centralized: the listed nodes in configured order (index = position in the list, so priorities
   * do not shift when another node is missing). Distributed: every node, by name.
   */
  private static List<Candidate> candidates(
      GatewayConfig config, NodeInventory inventory, List<String> unknown) {
    List<Candidate> out = new ArrayList<>();
    if (config.type() == GatewayType.DISTRIBUTED) {
      List<NodeInfo> nodes = new ArrayList<>(inventory.nodes());
      nodes.sort(Comparator.comparing(NodeInfo::name));
      for (int i = 0; i < nodes.size(); i++) {
        out.add(new Candidate(nodes.get(i), i));
      }
      return out;
    }
    for (int i = 0; i < config.nodes().size(); i++) {
      String name = config.nodes().get(i);
      Optional<NodeInfo> node = inventory.node(name);
      if (node.isEmpty()) {
        unknown.add(name);
      } else {
        out.add(new Candidate(node.get(), i));
      }
    }
    return out;
  }

  private static List<NbRow> topology(GatewaySettings s, GatewayConfig config) {
    Optional<Long> tag = s.tagged() ? Optional.of((long) s.vlanId()) : Optional.empty();
    return List.of(
        new NbLogicalSwitch(OWNER, s.switchName()),
        new NbSwitchPort(
            OWNER,
            s.localnetPortName(),
            "localnet",
            List.of("unknown"),
            Map.of("network_name", s.externalNet()),
            tag),
        new NbSwitchPort(
            OWNER,
            s.switchRouterPortName(),
            "router",
            List.of("router"),
            Map.of("router-port", s.routerPortName()),
            Optional.empty()),
        new NbRouterPort(
            OWNER,
            s.routerPortName(),
            config.mac().orElseThrow().text(),
            config.nicIps().stream().map(IpPrefix::text).toList(),
            // What a controller started under an invalid ConfigMap builds on (§2.1).
            RecordedConfig.encode(config)));
  }
}

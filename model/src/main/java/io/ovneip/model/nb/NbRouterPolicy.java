package io.ovneip.model.nb;

import io.ovneip.ovsdb.protocol.OvsdbSet;
import io.ovneip.ovsdb.protocol.Row;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * NB {@code Logical_Router_Policy}: reroutes a pod's traffic to the physical gateway
 * (docs/behaviour.md §3). The priority is our own (default 29260, a flag): Kube-OVN's garbage
 * collection deletes every 29250 policy of the cluster router at each leader start; 29251-29399
 * holds no Kube-OVN constant, so its ordering is kept (its 29000-29200 gateway policies below ours,
 * its 29400+ U2O, 30000 node and 31000 "destination inside the cluster: allow" policies above:
 * east-west traffic is not rerouted, docs/behaviour.md §7; docs/behaviour.md §8).
 *
 * @param nexthops schema: set of strings (the gateway IP of the pod IP's family); kept sorted
 */
public record NbRouterPolicy(
    OwnerKey owner, long priority, String match, String action, List<String> nexthops)
    implements NbRow {

  /** The default reroute priority of docs/behaviour.md §3 ({@code --reroute-priority}). */
  public static final long REROUTE_PRIORITY = 29260;

  /** Kube-OVN's north-gateway priority, which its {@code gcRoutePolicy} sweeps. */
  public static final long KUBE_OVN_NORTH_GATEWAY_PRIORITY = 29250;

  public NbRouterPolicy {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(match, "match");
    Objects.requireNonNull(action, "action");
    nexthops = nexthops.stream().sorted().toList();
    if (priority < 0 || priority > 32767) {
      throw new IllegalArgumentException("policy priority must be 0..32767: " + priority);
    }
  }

  @Override
  public NbTable table() {
    return NbTable.LOGICAL_ROUTER_POLICY;
  }

  /** Equal to {@code table().naturalKey(toRow())}, without building the row. */
  @Override
  public String naturalKey() {
    return priority + " " + match;
  }

  @Override
  public Map<String, Object> columns() {
    return Map.of(
        "priority", priority,
        "match", match,
        "action", action,
        "nexthops", OvsdbSet.ofAll(nexthops),
        "external_ids", ExternalIds.of(owner));
  }

  static Optional<NbRow> from(OwnerKey owner, Row row) {
    Optional<Long> priority = Columns.integer(row, "priority").filter(p -> p >= 0 && p <= 32767);
    Optional<String> match = Columns.string(row, "match");
    if (priority.isEmpty() || match.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new NbRouterPolicy(
            owner,
            priority.get(),
            match.get(),
            Columns.string(row, "action").orElse(""),
            Columns.strings(row, "nexthops")));
  }
}

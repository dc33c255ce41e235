package io.ovneip.model.nb;

import io.ovneip.ovsdb.protocol.OvsdbSet;
import io.ovneip.ovsdb.protocol.Row;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * NB {@code Logical_Router_Policy}: reroutes a pod's traffic to the physical gateway
 * (docs/behaviour.md §3). Priority 29250 sits below Kube-OVN's 31000 "destination inside the
 * cluster: allow" policies, so east-west traffic is not rerouted (docs/behaviour.md §7).
 *
 * @param nexthops schema: set of strings (the gateway IP of the pod IP's family); kept sorted
 */
public record NbRouterPolicy(
    OwnerKey owner, long priority, String match, String action, List<String> nexthops)
    implements NbRow {

  /** The reroute priority of docs/behaviour.md §3. */
  public static final long REROUTE_PRIORITY = 29250;

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

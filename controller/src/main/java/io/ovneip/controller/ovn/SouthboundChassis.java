package io.ovneip.controller.ovn;

import io.ovneip.ovsdb.cache.MonitorRequest;
import io.ovneip.ovsdb.cache.Replica;
import io.ovneip.ovsdb.client.OvsdbClient;
import io.ovneip.ovsdb.protocol.Row;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the Southbound {@code Chassis} table (read only): a node without the chassis annotation is
 * matched to the chassis whose {@code hostname} is the node name (docs/behaviour.md §2.4). With a
 * gateway port named, also the binding of its {@code cr-<router port>} (one row, a conditional
 * monitor): which gateway chassis is active now (docs/behaviour.md §3.1).
 */
public final class SouthboundChassis implements AutoCloseable {
  public static final String DB = "OVN_Southbound";

  private final Replica replica;

  private final String crPort;

  public SouthboundChassis(OvsdbClient client, Runnable onChange) {
    this(client, null, onChange);
  }

  /** Also follows the binding of {@code cr-<routerPort>}; null: chassis only. */
  public SouthboundChassis(OvsdbClient client, String routerPort, Runnable onChange) {
    this.crPort = routerPort == null ? null : "cr-" + routerPort;
    MonitorRequest.Builder request = MonitorRequest.builder().table("Chassis", "name", "hostname");
    if (crPort != null) {
      request.table(
          "Port_Binding",
          java.util.List.of("logical_port", "chassis"),
          java.util.List.of(io.ovneip.ovsdb.protocol.Condition.eq("logical_port", crPort)));
    }
    this.replica = Replica.open(client, DB, request.build());
    this.replica.addListener((snapshot, changes) -> onChange.run());
  }

  /** The name of the chassis the gateway's {@code cr-} port is bound to now, if any. */
  public java.util.Optional<String> activeGatewayChassis() {
    if (crPort == null) {
      return java.util.Optional.empty();
    }
    var snapshot = replica.snapshot();
    for (Row binding : snapshot.table("Port_Binding").values()) {
      if (crPort.equals(binding.columns().get("logical_port"))
          && binding.columns().get("chassis") instanceof io.ovneip.ovsdb.protocol.OvsdbSet set
          && !set.isEmpty()
          && set.elements().iterator().next() instanceof io.ovneip.ovsdb.protocol.Uuid uuid) {
        return snapshot
            .row("Chassis", uuid)
            .map(r -> r.columns().get("name"))
            .map(String.class::cast);
      }
    }
    return java.util.Optional.empty();
  }

  public void awaitInitial(Duration timeout) {
    replica.awaitInitial(timeout);
  }

  public Map<String, String> chassisByHostname() {
    Map<String, String> out = new HashMap<>();
    for (Row row : replica.snapshot().table("Chassis").values()) {
      Object host = row.columns().get("hostname");
      Object name = row.columns().get("name");
      if (host instanceof String h && name instanceof String n && !h.isEmpty()) {
        out.putIfAbsent(h, n);
      }
    }
    return out;
  }

  @Override
  public void close() {
    replica.close();
  }
}

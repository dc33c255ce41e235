package io.ovneip.controller.status;

import io.ovneip.controller.ovn.NorthboundDb;
import io.ovneip.controller.ovn.SouthboundChassis;
import io.ovneip.controller.ovn.SouthboundProgress;
import io.ovneip.model.input.GatewaySettings;
import io.ovneip.ovsdb.cache.MonitorRequest;
import io.ovneip.ovsdb.cache.Replica;
import io.ovneip.ovsdb.cache.Snapshot;
import io.ovneip.ovsdb.client.OvsdbClient;
import io.ovneip.ovsdb.protocol.OvsdbSet;
import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import java.time.Duration;
import java.util.Optional;

/** Reads, once, what {@link StatusCollector} needs from NB and SB. */
public final class OvnStateReader {
  private OvnStateReader() {}

  public static StatusCollector.OvnState read(
      OvsdbClient nb, OvsdbClient sb, GatewaySettings settings, Duration timeout) {
    try (NorthboundDb nbDb = new NorthboundDb(nb, timeout);
        SouthboundChassis chassis = new SouthboundChassis(sb, () -> {});
        SouthboundProgress progress = new SouthboundProgress(sb, () -> {})) {
      nbDb.awaitInitial(timeout);
      chassis.awaitInitial(timeout);
      progress.awaitInitial(timeout);
      return new StatusCollector.OvnState(
          nbDb.observed(),
          nbDb.facts().forRouter(settings.routerName()),
          chassis.chassisByHostname(),
          activeChassis(sb, settings, timeout),
          progress.progress());
    }
  }

  /**
   * The chassis that hosts the gateway now: northd binds the chassis-redirect port {@code
   * cr-<router port>} (SB Port_Binding) to the highest-priority chassis that is alive.
   */
  static Optional<String> activeChassis(
      OvsdbClient sb, GatewaySettings settings, Duration timeout) {
    MonitorRequest request =
        MonitorRequest.builder()
            .table("Port_Binding", "logical_port", "chassis")
            .table("Chassis", "name")
            .build();
    try (Replica replica = Replica.open(sb, SouthboundChassis.DB, request)) {
      Snapshot s = replica.awaitInitial(timeout);
      String crPort = "cr-" + settings.routerPortName();
      for (Row binding : s.table("Port_Binding").values()) {
        if (!crPort.equals(binding.columns().get("logical_port"))) {
          continue;
        }
        // An optional reference arrives as the UUID itself once set (RFC 7047 5.1: a set of one
        // element may be sent as that element), or as a set.
        Object chassis = binding.columns().get("chassis");
        Uuid uuid =
            chassis instanceof Uuid u
                ? u
                : chassis instanceof OvsdbSet set && !set.isEmpty()
                    ? (Uuid) set.elements().iterator().next()
                    : null;
        if (uuid != null) {
          return s.row("Chassis", uuid).map(r -> (String) r.columns().get("name"));
        }
      }
      return Optional.empty();
    }
  }
}

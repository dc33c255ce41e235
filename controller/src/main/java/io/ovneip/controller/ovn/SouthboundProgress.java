package io.ovneip.controller.ovn;

import io.ovneip.model.realized.SbProgress;
import io.ovneip.ovsdb.cache.MonitorRequest;
import io.ovneip.ovsdb.cache.Replica;
import io.ovneip.ovsdb.cache.Snapshot;
import io.ovneip.ovsdb.client.OvsdbClient;
import io.ovneip.ovsdb.protocol.OvsdbSet;
import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads (never writes) what the Southbound says about progress (docs/behaviour.md §5.5): {@code
 * SB_Global.nb_cfg}, each chassis' {@code Chassis_Private.nb_cfg}/{@code nb_cfg_timestamp}, and
 * {@code Port_Binding.chassis} (the active gateway is the chassis of the router port's {@code cr-}
 * binding). A replica of its own beside {@link SouthboundChassis}: every chassis report changes it,
 * and those must not wake the reconciler.
 */
public final class SouthboundProgress implements AutoCloseable {
  private final Replica replica;

  public SouthboundProgress(OvsdbClient client, Runnable onChange) {
    this.replica =
        Replica.open(
            client,
            SouthboundChassis.DB,
            MonitorRequest.builder()
                .table("SB_Global", "nb_cfg")
                .table("Chassis", "name")
                .table("Chassis_Private", "name", "nb_cfg", "nb_cfg_timestamp")
                .table("Port_Binding", "logical_port", "chassis")
                .build());
    this.replica.addListener((snapshot, changes) -> onChange.run());
  }

  public void awaitInitial(Duration timeout) {
    replica.awaitInitial(timeout);
  }

  /** The progress as of the latest update. */
  public SbProgress progress() {
    return of(replica.snapshot());
  }

  static SbProgress of(Snapshot s) {
    OptionalLong global = OptionalLong.empty();
    for (Row row : s.table("SB_Global").values()) {
      if (row.columns().get("nb_cfg") instanceof Number n) {
        global = OptionalLong.of(n.longValue());
      }
    }
    Map<Uuid, String> chassisNames = new HashMap<>();
    Set<String> chassis = new HashSet<>();
    s.table("Chassis")
        .forEach(
            (uuid, row) -> {
              if (row.columns().get("name") instanceof String name) {
                chassisNames.put(uuid, name);
                chassis.add(name);
              }
            });
    Map<String, SbProgress.Report> reports = new HashMap<>();
    for (Row row : s.table("Chassis_Private").values()) {
      if (row.columns().get("name") instanceof String name
          && row.columns().get("nb_cfg") instanceof Number cfg) {
        long at = row.columns().get("nb_cfg_timestamp") instanceof Number ts ? ts.longValue() : 0L;
        reports.put(name, new SbProgress.Report(cfg.longValue(), at));
      }
    }
    Map<String, String> ports = new HashMap<>();
    for (Row row : s.table("Port_Binding").values()) {
      Uuid ref = ref(row.columns().get("chassis"));
      if (ref != null
          && row.columns().get("logical_port") instanceof String port
          && chassisNames.containsKey(ref)) {
        ports.put(port, chassisNames.get(ref));
      }
    }
    return new SbProgress(global, reports, chassis, ports);
  }

  /** An optional reference: a UUID, or a set of at most one. */
  private static Uuid ref(Object value) {
    if (value instanceof Uuid u) {
      return u;
    }
    if (value instanceof OvsdbSet set && set.elements().size() == 1) {
      return set.elements().iterator().next() instanceof Uuid u ? u : null;
    }
    return null;
  }

  @Override
  public void close() {
    replica.close();
  }
}

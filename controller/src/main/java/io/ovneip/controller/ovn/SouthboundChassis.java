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
 * matched to the chassis whose {@code hostname} is the node name (docs/behaviour.md §2.4).
 */
public final class SouthboundChassis implements AutoCloseable {
  public static final String DB = "OVN_Southbound";

  private final Replica replica;

  public SouthboundChassis(OvsdbClient client, Runnable onChange) {
    this.replica =
        Replica.open(
            client, DB, MonitorRequest.builder().table("Chassis", "name", "hostname").build());
    this.replica.addListener((snapshot, changes) -> onChange.run());
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

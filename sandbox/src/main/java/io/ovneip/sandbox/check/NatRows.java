package io.ovneip.sandbox.check;

import io.ovneip.model.nb.Columns;
import io.ovneip.model.nb.ExternalIds;
import io.ovneip.ovsdb.cache.MonitorRequest;
import io.ovneip.ovsdb.cache.Replica;
import io.ovneip.ovsdb.cache.Snapshot;
import io.ovneip.ovsdb.client.OvsdbClient;
import io.ovneip.ovsdb.protocol.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The NB rows the invariants look at whoever wrote them (NAT, router policies, static routes), read
 * once, each reduced to a line that names it by content rather than UUID: a row restored from a
 * backup keeps its line, and the line is what a report prints.
 */
public record NatRows(List<Line> rows) {
  static final String DB = "OVN_Northbound";

  /** One row: its table, identifying text, and whether a row of ours (it has our owner key). */
  public record Line(String table, String text, boolean owned) {
    /** {@code NAT type=snat external_ip=... logical_ip=...}: what the foreign record holds. */
    public String key() {
      return table + " " + text;
    }
  }

  public static NatRows read(OvsdbClient nb, Duration timeout) {
    MonitorRequest request =
        MonitorRequest.builder()
            .table("NAT", "type", "external_ip", "logical_ip", "logical_port", "external_ids")
            .table("Logical_Router_Policy", "priority", "match", "action", "external_ids")
            .table("Logical_Router_Static_Route", "ip_prefix", "nexthop", "external_ids")
            .build();
    try (Replica replica = Replica.open(nb, DB, request)) {
      Snapshot s = replica.awaitInitial(timeout);
      List<Line> out = new ArrayList<>();
      s.table("NAT").values().forEach(r -> out.add(line("NAT", r, nat(r))));
      s.table("Logical_Router_Policy")
          .values()
          .forEach(
              r ->
                  out.add(
                      line(
                          "Logical_Router_Policy",
                          r,
                          "priority=%s match=\"%s\" action=%s"
                              .formatted(
                                  r.columns().get("priority"),
                                  str(r, "match"),
                                  str(r, "action")))));
      s.table("Logical_Router_Static_Route")
          .values()
          .forEach(
              r ->
                  out.add(
                      line(
                          "Logical_Router_Static_Route",
                          r,
                          "ip_prefix=%s nexthop=%s"
                              .formatted(str(r, "ip_prefix"), str(r, "nexthop")))));
      return new NatRows(List.copyOf(out));
    }
  }

  private static String nat(Row r) {
    return "type=%s external_ip=%s logical_ip=%s"
        .formatted(str(r, "type"), str(r, "external_ip"), str(r, "logical_ip"));
  }

  private static String str(Row r, String column) {
    return Columns.string(r, column).orElse("");
  }

  private static Line line(String table, Row r, String text) {
    return new Line(table, text, ExternalIds.ownerOf(r).isPresent() || ours(r));
  }

  /** A row with our owner key that does not parse still is not foreign. */
  private static boolean ours(Row r) {
    Map<String, String> ids = Columns.map(r, "external_ids");
    return ids.containsKey(ExternalIds.OWNER_KEY);
  }

  /** The keys of the foreign rows, sorted: what {@code nb-snapshot} records. */
  public TreeSet<String> foreignKeys() {
    TreeSet<String> out = new TreeSet<>();
    rows.stream().filter(l -> !l.owned()).forEach(l -> out.add(l.key()));
    return out;
  }
}

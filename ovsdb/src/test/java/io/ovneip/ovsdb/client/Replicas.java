package io.ovneip.ovsdb.client;

import io.ovneip.ovsdb.cache.Snapshot;
import io.ovneip.ovsdb.protocol.Operation;
import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helpers comparing a replica with what the server says. */
final class Replicas {
  private Replicas() {}

  /** The table as a select of the same columns returns it, keyed by UUID. */
  static Map<Uuid, Row> selectAll(OvsdbClient client, String db, String table, List<String> cols) {
    Map<Uuid, Row> out = new HashMap<>();
    List<String> withUuid = new java.util.ArrayList<>(cols);
    withUuid.add("_uuid");
    for (Row r :
        client
            .transact(db, List.of(new Operation.Select(table, List.of(), withUuid)))
            .get(0)
            .selectedRows()) {
      out.put(r.uuid().orElseThrow(), r);
    }
    return out;
  }

  /** The replica's rows restricted to {@code cols} plus {@code _uuid}. */
  static Map<Uuid, Row> project(Snapshot s, String table, List<String> cols) {
    Map<Uuid, Row> out = new HashMap<>();
    s.table(table)
        .forEach(
            (u, r) -> {
              Map<String, Object> c = new LinkedHashMap<>();
              cols.forEach(k -> c.put(k, r.columns().get(k)));
              c.put("_uuid", u);
              out.put(u, new Row(c));
            });
    return out;
  }
}

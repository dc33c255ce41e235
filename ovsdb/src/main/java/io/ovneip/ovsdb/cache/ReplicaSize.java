package io.ovneip.ovsdb.cache;

import io.ovneip.ovsdb.protocol.OvsdbMap;
import io.ovneip.ovsdb.protocol.OvsdbSet;
import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import java.util.Map;
import java.util.TreeMap;

/**
 * How big a replica is: rows per table and an estimate of the bytes they hold on a 64-bit JVM with
 * compressed references (object headers, references, strings as Latin-1 bytes). An estimate, for
 * reports: it counts each value where it occurs, so strings the JVM shares are counted twice.
 *
 * @param rows rows per table
 * @param bytes estimated bytes per table (rows, their values and the table's index)
 */
public record ReplicaSize(Map<String, Integer> rows, Map<String, Long> bytes) {
  public ReplicaSize {
    rows = Map.copyOf(rows);
    bytes = Map.copyOf(bytes);
  }

  public static ReplicaSize of(Snapshot snapshot) {
    Map<String, Integer> rows = new TreeMap<>();
    Map<String, Long> bytes = new TreeMap<>();
    for (String t : snapshot.tableNames()) {
      Map<Uuid, Row> table = snapshot.table(t);
      long b = 0;
      for (Row r : table.values()) {
        b +=
            16
                + 12 // the table's entry: hash, key and value in a trie leaf, and its share of
                // nodes
                + row(r);
      }
      rows.put(t, table.size());
      bytes.put(t, b);
    }
    return new ReplicaSize(rows, bytes);
  }

  public int totalRows() {
    return rows.values().stream().mapToInt(Integer::intValue).sum();
  }

  public long totalBytes() {
    return bytes.values().stream().mapToLong(Long::longValue).sum();
  }

  private static long row(Row r) {
    long b = 16 + 16 + 16 + 8L * r.columns().size(); // record, immutable map, its table
    for (Object v : r.columns().values()) {
      b += value(v);
    }
    return b;
  }

  private static long value(Object v) {
    if (v instanceof String s) {
      return 24 + 16 + s.length();
    }
    if (v instanceof Uuid u) {
      return 16 + value(u.value());
    }
    if (v instanceof Long || v instanceof Double) {
      return 16;
    }
    if (v instanceof OvsdbSet s) {
      long b = 16 + 32 + 12L * s.elements().size();
      for (Object e : s.elements()) {
        b += value(e);
      }
      return b;
    }
    if (v instanceof OvsdbMap m) {
      long b = 16 + 32 + 8L * m.entries().size();
      for (Map.Entry<Object, Object> e : m.entries().entrySet()) {
        b += value(e.getKey()) + value(e.getValue());
      }
      return b;
    }
    return 0; // Boolean: shared instances
  }
}

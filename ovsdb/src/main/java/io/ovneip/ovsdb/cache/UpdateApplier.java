package io.ovneip.ovsdb.cache;

import io.ovneip.ovsdb.protocol.OvsdbMap;
import io.ovneip.ovsdb.protocol.OvsdbSet;
import io.ovneip.ovsdb.protocol.PersistentHashMap;
import io.ovneip.ovsdb.protocol.PersistentHashSet;
import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import io.ovneip.ovsdb.protocol.codec.CodecException;
import io.ovneip.ovsdb.protocol.codec.ValueCodec;
import io.ovneip.ovsdb.protocol.schema.ColumnSchema;
import io.ovneip.ovsdb.protocol.schema.ColumnType;
import io.ovneip.ovsdb.protocol.schema.DatabaseSchema;
import io.ovneip.ovsdb.protocol.schema.TableSchema;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Applies {@code <table-updates2>} (ovsdb-server(7), the {@code update2}/{@code update3} and {@code
 * monitor_cond(_since)} reply format) to a replica's tables, producing new immutable maps; the
 * input is never changed, so a failed update leaves the replica as it was.
 */
final class UpdateApplier {
  private final DatabaseSchema schema;
  private final MonitorRequest request;
  private final StringPool strings = new StringPool();

  UpdateApplier(DatabaseSchema schema, MonitorRequest request) {
    this.schema = schema;
    this.request = request;
  }

  /** The outcome: the new tables and what changed. */
  record Result(Map<String, Map<Uuid, Row>> tables, Changes changes) {}

  /**
   * Applies a delta to {@code base}. Costs what the delta changes: each table's rows are a {@link
   * PersistentHashMap}, so a new version shares every row the update does not touch, and a big set
   * column (a switch's {@code ports}) is a {@link PersistentHashSet} that a toggle edits in place
   * of a copy.
   */
  Result apply(Map<String, Map<Uuid, Row>> base, JsonNode tableUpdates) {
    Map<String, Map<Uuid, Row>> out = new HashMap<>(base);
    Map<String, Changes.TableChanges> changes = new HashMap<>();
    for (Map.Entry<String, JsonNode> t : tableUpdates.properties()) {
      TableSchema table = schema.requireTable(t.getKey());
      PersistentHashMap<Uuid, Row> rows =
          PersistentHashMap.copyOf(base.getOrDefault(t.getKey(), Map.of()));
      Set<Uuid> ins = new HashSet<>();
      Set<Uuid> mod = new HashSet<>();
      Set<Uuid> del = new HashSet<>();
      for (Map.Entry<String, JsonNode> r : t.getValue().properties()) {
        Uuid uuid = Uuid.of(r.getKey());
        rows = applyRow(table, rows, uuid, r.getValue(), ins, mod, del);
      }
      out.put(t.getKey(), rows);
      changes.put(t.getKey(), new Changes.TableChanges(ins, mod, del));
    }
    return new Result(out, new Changes(changes));
  }

  /** Replaces {@code base} wholesale with the content of a full (initial) update. */
  Result replace(Map<String, Map<Uuid, Row>> base, JsonNode tableUpdates) {
    Result fresh = apply(Map.of(), tableUpdates);
    Map<String, Map<Uuid, Row>> tables = new HashMap<>(fresh.tables());
    for (String name : request.tables().keySet()) {
      tables.putIfAbsent(name, PersistentHashMap.empty());
    }
    Map<String, Changes.TableChanges> changes = new HashMap<>();
    Set<String> names = new HashSet<>(tables.keySet());
    names.addAll(base.keySet());
    for (String name : names) {
      Map<Uuid, Row> before = base.getOrDefault(name, Map.of());
      Map<Uuid, Row> after = tables.getOrDefault(name, Map.of());
      Set<Uuid> ins = new HashSet<>(after.keySet());
      ins.removeAll(before.keySet());
      Set<Uuid> del = new HashSet<>(before.keySet());
      del.removeAll(after.keySet());
      Set<Uuid> mod = new HashSet<>();
      after.forEach(
          (u, row) -> {
            Row old = before.get(u);
            if (old != null && !old.equals(row)) {
              mod.add(u);
            }
          });
      changes.put(name, new Changes.TableChanges(ins, mod, del));
    }
    return new Result(tables, new Changes(changes));
  }

  private PersistentHashMap<Uuid, Row> applyRow(
      TableSchema table,
      PersistentHashMap<Uuid, Row> rows,
      Uuid uuid,
      JsonNode update,
      Set<Uuid> ins,
      Set<Uuid> mod,
      Set<Uuid> del) {
    if (update.has("initial") || update.has("insert")) {
      JsonNode json = update.has("initial") ? update.get("initial") : update.get("insert");
      (rows.containsKey(uuid) ? mod : ins).add(uuid);
      return rows.with(uuid, withDefaults(table, ValueCodec.decodeRow(json, table, uuid)));
    } else if (update.has("modify")) {
      Row old = rows.get(uuid);
      if (old == null) {
        throw new CodecException("modify of unknown row " + uuid + " in " + table.name());
      }
      mod.add(uuid);
      return rows.with(uuid, modify(table, old, update.get("modify")));
    } else if (update.has("delete")) {
      if (rows.containsKey(uuid)) {
        del.add(uuid);
      }
      return rows.without(uuid);
    }
    throw new CodecException("unknown row update for " + uuid + ": " + update);
  }

  /**
   * An inserted row lists only columns that differ from their defaults (ovsdb-server(7) update2
   * "insert"/"initial"); fill the rest in, so a replica row always has every monitored column.
   */
  private Row withDefaults(TableSchema table, Row row) {
    Map<String, Object> cols = new LinkedHashMap<>(row.columns());
    cols.replaceAll(
        (c, v) -> v instanceof OvsdbMap m ? new OvsdbMap(strings.entries(m.entries())) : v);
    for (String c : request.monitoredColumns(table)) {
      cols.computeIfAbsent(c, k -> defaultValue(table.requireColumn(k).type()));
    }
    return new Row(cols);
  }

  static Object defaultValue(ColumnType type) {
    if (type.isMap()) {
      return OvsdbMap.empty();
    }
    if (type.isSet()) {
      return OvsdbSet.empty();
    }
    return switch (type.key().type()) {
      case INTEGER -> 0L;
      case REAL -> 0.0;
      case BOOLEAN -> false;
      case STRING -> "";
      case UUID -> Uuid.of("00000000-0000-0000-0000-000000000000");
    };
  }

  /**
   * A {@code "modify"} carries, per changed column: the new value when the column holds at most one
   * element (scalar or optional: ovsdb-server's {@code ovsdb_datum_diff} only diffs types with max
   * above 1); for a larger set, the elements to toggle (present in only one of old and new); for a
   * larger map, pairs whose key is new (add), whose key and value both match (remove), or whose
   * value differs (replace).
   */
  private Row modify(TableSchema table, Row old, JsonNode diff) {
    Map<String, Object> cols = new LinkedHashMap<>(old.columns());
    for (Map.Entry<String, JsonNode> e : diff.properties()) {
      ColumnSchema c = table.requireColumn(e.getKey());
      Object d = ValueCodec.decode(e.getValue(), c.type());
      Object before = cols.get(e.getKey());
      if (c.type().max() <= 1) {
        cols.put(e.getKey(), d);
      } else if (c.type().isMap()) {
        Map<Object, Object> m =
            new HashMap<>(before instanceof OvsdbMap om ? om.entries() : Map.of());
        ((OvsdbMap) d)
            .entries()
            .forEach(
                (k, v) -> {
                  if (Objects.equals(m.get(k), v)) {
                    m.remove(k);
                  } else {
                    m.put(k, v);
                  }
                });
        cols.put(e.getKey(), new OvsdbMap(strings.entries(m)));
      } else {
        // Toggled in a persistent set: a switch with 100,000 ports gains one port at the cost of
        // one, and the old version (still in the previous snapshot) stays intact. Converted once.
        PersistentHashSet<Object> s =
            PersistentHashSet.copyOf(before instanceof OvsdbSet os ? os.elements() : Set.of());
        for (Object x : ((OvsdbSet) d).elements()) {
          s = s.contains(x) ? s.without(x) : s.with(x);
        }
        cols.put(e.getKey(), new OvsdbSet(s));
      }
    }
    return new Row(cols);
  }
}

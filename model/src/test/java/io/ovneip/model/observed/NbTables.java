package io.ovneip.model.observed;

import io.ovneip.model.nb.Columns;
import io.ovneip.model.nb.ExternalIds;
import io.ovneip.model.nb.OwnerKey;
import io.ovneip.ovsdb.protocol.OvsdbMap;
import io.ovneip.ovsdb.protocol.OvsdbSet;
import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Northbound tables in memory, edited the way a replica sees them change: each edit replaces whole
 * rows, and {@link #changesSince} lists the rows that differ from an earlier version, as a replica
 * update would.
 */
final class NbTables {
  private final Map<String, Map<Uuid, Row>> tables = new TreeMap<>();
  private long nextUuid = 1;

  /** An immutable copy of the content now. */
  Map<String, Map<Uuid, Row>> copy() {
    Map<String, Map<Uuid, Row>> out = new TreeMap<>();
    tables.forEach((t, rows) -> out.put(t, Map.copyOf(rows)));
    return out;
  }

  Map<Uuid, Row> table(String table) {
    return tables.getOrDefault(table, Map.of());
  }

  /** Every row that differs between {@code before} and now. */
  List<RowChange> changesSince(Map<String, Map<Uuid, Row>> before) {
    List<RowChange> out = new ArrayList<>();
    Set<String> names = new HashSet<>(before.keySet());
    names.addAll(tables.keySet());
    for (String t : names) {
      Map<Uuid, Row> was = before.getOrDefault(t, Map.of());
      Map<Uuid, Row> is = table(t);
      Set<Uuid> uuids = new LinkedHashSet<>(was.keySet());
      uuids.addAll(is.keySet());
      for (Uuid u : uuids) {
        Row a = was.get(u);
        Row b = is.get(u);
        if (a != b) {
          out.add(new RowChange(t, u, Optional.ofNullable(a), Optional.ofNullable(b)));
        }
      }
    }
    return out;
  }

  Uuid insert(String table, Map<String, Object> columns) {
    Uuid uuid = Uuid.of(String.format("00000000-0000-4000-8000-%012d", nextUuid++));
    Map<String, Object> cols = new HashMap<>(columns);
    cols.put("_uuid", uuid);
    tables.computeIfAbsent(table, t -> new HashMap<>()).put(uuid, Row.of(cols));
    return uuid;
  }

  /** Sets one column (a new row object, as the replica makes on a modify). */
  void set(String table, Uuid uuid, String column, Object value) {
    Map<String, Object> cols = new HashMap<>(table(table).get(uuid).columns());
    if (value == null) {
      cols.remove(column);
    } else {
      cols.put(column, value);
    }
    tables.get(table).put(uuid, Row.of(cols));
  }

  /** The row again, equal but a new object: a replica update that changed nothing we read. */
  void touch(String table, Uuid uuid) {
    tables.get(table).put(uuid, Row.of(table(table).get(uuid).columns()));
  }

  void delete(String table, Uuid uuid) {
    tables.get(table).remove(uuid);
  }

  void addReference(String table, Uuid uuid, String column, Uuid target) {
    Set<Object> refs = new LinkedHashSet<>(references(table, uuid, column));
    refs.add(target);
    set(table, uuid, column, OvsdbSet.ofAll(refs));
  }

  void removeReference(String table, Uuid uuid, String column, Uuid target) {
    Set<Object> refs = new LinkedHashSet<>(references(table, uuid, column));
    refs.remove(target);
    set(table, uuid, column, OvsdbSet.ofAll(refs));
  }

  Set<Object> references(String table, Uuid uuid, String column) {
    return Columns.set(table(table).get(uuid).columns().get(column));
  }

  static OvsdbMap owned(OwnerKey owner) {
    return ExternalIds.of(owner);
  }

  static OvsdbMap foreign() {
    return OvsdbMap.of(Map.of("vendor", "kube-ovn"));
  }
}

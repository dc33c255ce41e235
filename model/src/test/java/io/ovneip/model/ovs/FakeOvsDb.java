package io.ovneip.model.ovs;

import io.ovneip.ovsdb.protocol.Condition;
import io.ovneip.ovsdb.protocol.Mutation;
import io.ovneip.ovsdb.protocol.NamedUuid;
import io.ovneip.ovsdb.protocol.Operation;
import io.ovneip.ovsdb.protocol.OvsdbMap;
import io.ovneip.ovsdb.protocol.OvsdbSet;
import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Just enough of an Open_vSwitch ovsdb-server to apply the agent's plans in unit tests: insert with
 * named UUIDs, update, mutate and delete by {@code _uuid}, the {@code name} indexes, and garbage
 * collection of Bridge/Port/Interface rows no longer reachable from the root (RFC 7047 2.1). The
 * real server is exercised by the agent's integration tests.
 */
final class FakeOvsDb {
  private static final List<String> TABLES =
      List.of(
          ObservedOvs.ROOT_TABLE,
          ObservedOvs.BRIDGE_TABLE,
          ObservedOvs.PORT_TABLE,
          ObservedOvs.INTERFACE_TABLE);
  private final Map<String, Map<Uuid, Row>> tables = new LinkedHashMap<>();
  private long next = 1;
  private int transactions;

  FakeOvsDb() {
    TABLES.forEach(t -> tables.put(t, new LinkedHashMap<>()));
  }

  /** An initialized DB ({@code ovs-vsctl init}) with {@code external_ids}. */
  static FakeOvsDb initialized(Map<String, String> externalIds) {
    FakeOvsDb db = new FakeOvsDb();
    db.put(
        ObservedOvs.ROOT_TABLE,
        Map.of("bridges", OvsdbSet.empty(), "external_ids", OvsdbMap.of(externalIds)));
    return db;
  }

  Uuid put(String table, Map<String, Object> columns) {
    Uuid u = new Uuid(new UUID(0, next++).toString());
    tables.get(table).put(u, Row.of(columns));
    return u;
  }

  /** Adds a bridge {@code name} with one-interface ports (name to interface type). */
  Uuid addBridge(String name, Map<String, String> externalIds, Map<String, String> ports) {
    Set<Object> portUuids = new LinkedHashSet<>();
    ports.forEach(
        (port, type) -> {
          Uuid iface =
              put(
                  ObservedOvs.INTERFACE_TABLE,
                  Map.of("name", port, "type", type, "external_ids", OvsdbMap.of(externalIds)));
          portUuids.add(
              put(
                  ObservedOvs.PORT_TABLE,
                  Map.of(
                      "name",
                      port,
                      "interfaces",
                      OvsdbSet.of(iface),
                      "external_ids",
                      OvsdbMap.of(externalIds))));
        });
    Uuid bridge =
        put(
            ObservedOvs.BRIDGE_TABLE,
            Map.of(
                "name",
                name,
                "datapath_type",
                "",
                "ports",
                new OvsdbSet(portUuids),
                "external_ids",
                OvsdbMap.of(externalIds)));
    Uuid root = rootUuid();
    Row r = tables.get(ObservedOvs.ROOT_TABLE).get(root);
    tables
        .get(ObservedOvs.ROOT_TABLE)
        .put(root, with(r, "bridges", setInsert(r.get("bridges").orElseThrow(), Set.of(bridge))));
    return bridge;
  }

  /** Adds a port with one interface, no ownership marks, to the existing bridge {@code bridge}. */
  void addForeignPort(String bridge, String port) {
    Uuid iface =
        put(
            ObservedOvs.INTERFACE_TABLE,
            Map.of("name", port, "type", "", "external_ids", OvsdbMap.of(Map.of())));
    Uuid p =
        put(
            ObservedOvs.PORT_TABLE,
            Map.of(
                "name",
                port,
                "interfaces",
                OvsdbSet.of(iface),
                "external_ids",
                OvsdbMap.of(Map.of())));
    Map<Uuid, Row> bridges = tables.get(ObservedOvs.BRIDGE_TABLE);
    Uuid b =
        bridges.entrySet().stream()
            .filter(e -> bridge.equals(e.getValue().get("name").orElseThrow()))
            .map(Map.Entry::getKey)
            .findFirst()
            .orElseThrow();
    Row r = bridges.get(b);
    bridges.put(b, with(r, "ports", setInsert(r.get("ports").orElseThrow(), Set.of(p))));
  }

  void setRootExternalId(String key, String value) {
    Uuid root = rootUuid();
    Row r = tables.get(ObservedOvs.ROOT_TABLE).get(root);
    Map<Object, Object> ids =
        new LinkedHashMap<>(((OvsdbMap) r.get("external_ids").orElseThrow()).entries());
    ids.put(key, value);
    tables.get(ObservedOvs.ROOT_TABLE).put(root, with(r, "external_ids", new OvsdbMap(ids)));
  }

  ObservedOvs observed() {
    return ObservedOvs.fromTables(tables);
  }

  int transactions() {
    return transactions;
  }

  /** Applies one transaction atomically: all operations or none. */
  void transact(List<Operation> operations) {
    if (operations.isEmpty()) {
      return;
    }
    Map<String, Map<Uuid, Row>> saved = copy();
    try {
      Map<String, Uuid> named = new HashMap<>();
      for (Operation op : operations) {
        apply(op, named);
      }
      collectGarbage();
      checkIndexesAndReferences();
      transactions++;
    } catch (RuntimeException e) {
      tables.clear();
      tables.putAll(saved);
      throw e;
    }
  }

  private void apply(Operation op, Map<String, Uuid> named) {
    if (op instanceof Operation.Insert ins) {
      Uuid u = new Uuid(new UUID(0, next++).toString());
      if (ins.uuidName() != null) {
        named.put(ins.uuidName(), u);
      }
      Map<String, Object> cols = new HashMap<>(defaults(ins.tableName()));
      cols.putAll(resolve(ins.row(), named).columns());
      tables.get(ins.tableName()).put(u, Row.of(cols));
    } else if (op instanceof Operation.Update up) {
      for (Uuid u : matching(up.tableName(), up.where())) {
        Row r = tables.get(up.tableName()).get(u);
        Map<String, Object> cols = new HashMap<>(r.columns());
        cols.putAll(resolve(up.row(), named).columns());
        tables.get(up.tableName()).put(u, Row.of(cols));
      }
    } else if (op instanceof Operation.Mutate mu) {
      for (Uuid u : matching(mu.tableName(), mu.where())) {
        Row r = tables.get(mu.tableName()).get(u);
        for (Mutation m : mu.mutations()) {
          r = mutate(r, m, named);
        }
        tables.get(mu.tableName()).put(u, r);
      }
    } else if (op instanceof Operation.Delete del) {
      matching(del.tableName(), del.where()).forEach(tables.get(del.tableName())::remove);
    } else {
      throw new UnsupportedOperationException(op.toString());
    }
  }

  private Row mutate(Row r, Mutation m, Map<String, Uuid> named) {
    Object current = r.get(m.column()).orElseThrow();
    Object value = resolveValue(m.value(), named);
    Object out;
    if (current instanceof OvsdbMap map) {
      Map<Object, Object> entries = new LinkedHashMap<>(map.entries());
      if (m.mutator() == Mutation.Mutator.INSERT) {
        ((OvsdbMap) value).entries().forEach(entries::putIfAbsent);
      } else if (value instanceof OvsdbMap pairs) {
        pairs.entries().forEach(entries::remove);
      } else {
        ((OvsdbSet) value).elements().forEach(entries::remove);
      }
      out = new OvsdbMap(entries);
    } else if (m.mutator() == Mutation.Mutator.INSERT) {
      out = setInsert(current, ((OvsdbSet) value).elements());
    } else {
      Set<Object> s = new LinkedHashSet<>(((OvsdbSet) current).elements());
      s.removeAll(((OvsdbSet) value).elements());
      out = new OvsdbSet(s);
    }
    return with(r, m.column(), out);
  }

  private List<Uuid> matching(String table, List<Condition> where) {
    return tables.get(table).keySet().stream()
        .filter(
            u ->
                where.stream()
                    .allMatch(
                        c -> {
                          if (!c.column().equals("_uuid")
                              || c.function() != Condition.Function.EQ) {
                            throw new UnsupportedOperationException(c.toString());
                          }
                          return c.value().equals(u);
                        }))
        .toList();
  }

  private void collectGarbage() {
    Set<Uuid> reachable = new HashSet<>();
    Deque<Uuid> todo = new ArrayDeque<>(tables.get(ObservedOvs.ROOT_TABLE).keySet());
    while (!todo.isEmpty()) {
      Uuid u = todo.pop();
      if (!reachable.add(u)) {
        continue;
      }
      Row r = find(u);
      if (r == null) {
        continue;
      }
      for (Object v : r.columns().values()) {
        if (v instanceof OvsdbSet s) {
          s.elements().stream()
              .filter(Uuid.class::isInstance)
              .map(Uuid.class::cast)
              .forEach(todo::push);
        }
      }
    }
    for (String t : TABLES.subList(1, TABLES.size())) {
      tables.get(t).keySet().retainAll(reachable);
    }
  }

  private void checkIndexesAndReferences() {
    for (String t : TABLES.subList(1, TABLES.size())) {
      Set<Object> names = new HashSet<>();
      for (Row r : tables.get(t).values()) {
        if (!names.add(r.get("name").orElseThrow())) {
          throw new IllegalStateException("constraint violation: duplicate " + t + " name " + r);
        }
      }
    }
    for (Map<Uuid, Row> table : tables.values()) {
      for (Row r : table.values()) {
        for (Object v : r.columns().values()) {
          if (v instanceof OvsdbSet s) {
            for (Object e : s.elements()) {
              if (e instanceof Uuid u && find(u) == null) {
                throw new IllegalStateException("referential integrity violation: " + u);
              }
            }
          }
        }
      }
    }
  }

  private Row find(Uuid u) {
    for (Map<Uuid, Row> t : tables.values()) {
      if (t.containsKey(u)) {
        return t.get(u);
      }
    }
    return null;
  }

  private Uuid rootUuid() {
    return tables.get(ObservedOvs.ROOT_TABLE).keySet().iterator().next();
  }

  private static Row resolve(Row row, Map<String, Uuid> named) {
    Map<String, Object> cols = new HashMap<>();
    row.columns().forEach((k, v) -> cols.put(k, resolveValue(v, named)));
    return Row.of(cols);
  }

  /** The schema's default values of the columns the agent reads. */
  private static Map<String, Object> defaults(String table) {
    Map<String, Object> d = new HashMap<>();
    d.put("external_ids", OvsdbMap.empty());
    if (table.equals(ObservedOvs.BRIDGE_TABLE)) {
      d.put("ports", OvsdbSet.empty());
      d.put("datapath_type", "");
    } else if (table.equals(ObservedOvs.INTERFACE_TABLE)) {
      d.put("type", "");
    }
    return d;
  }

  private static Object resolveValue(Object v, Map<String, Uuid> named) {
    if (v instanceof NamedUuid n) {
      Uuid u = named.get(n.name());
      if (u == null) {
        throw new IllegalStateException("unknown named-uuid " + n);
      }
      return u;
    }
    if (v instanceof OvsdbSet s) {
      Set<Object> out = new LinkedHashSet<>();
      s.elements().forEach(e -> out.add(resolveValue(e, named)));
      return new OvsdbSet(out);
    }
    return v;
  }

  private static Object setInsert(Object current, Set<?> more) {
    Set<Object> s = new LinkedHashSet<>(((OvsdbSet) current).elements());
    s.addAll(more);
    return new OvsdbSet(s);
  }

  private static Row with(Row r, String column, Object value) {
    Map<String, Object> cols = new HashMap<>(r.columns());
    cols.put(column, value);
    return Row.of(cols);
  }

  private Map<String, Map<Uuid, Row>> copy() {
    Map<String, Map<Uuid, Row>> out = new LinkedHashMap<>();
    tables.forEach((k, v) -> out.put(k, new LinkedHashMap<>(v)));
    return out;
  }
}

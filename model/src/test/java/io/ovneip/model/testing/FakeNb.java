package io.ovneip.model.testing;

import io.ovneip.model.nb.Columns;
import io.ovneip.ovsdb.protocol.Condition;
import io.ovneip.ovsdb.protocol.Mutation;
import io.ovneip.ovsdb.protocol.NamedUuid;
import io.ovneip.ovsdb.protocol.Operation;
import io.ovneip.ovsdb.protocol.OvsdbMap;
import io.ovneip.ovsdb.protocol.OvsdbSet;
import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A pure, in-memory stand-in for the NB ovsdb-server, for the tables ovn-eip touches. It applies a
 * transaction atomically with the RFC 7047 semantics that matter to us: named UUIDs, conditions on
 * any column, set mutations, {@code wait} with timeout 0, and at commit referential integrity of
 * strong references, garbage collection of unreferenced non-root rows (section 3.2) and the
 * schema's name indexes. A failed transaction changes nothing.
 */
public final class FakeNb {
  /** Strong reference columns of the NB schema 7.0.0 among the tables we model. */
  static final Map<String, Map<String, String>> STRONG_REFS =
      Map.of(
          "Logical_Switch", Map.of("ports", "Logical_Switch_Port"),
          "Logical_Router",
              Map.of(
                  "ports", "Logical_Router_Port",
                  "nat", "NAT",
                  "policies", "Logical_Router_Policy"),
          "Logical_Router_Port", Map.of("gateway_chassis", "Gateway_Chassis"));

  static final Set<String> ROOTS = Set.of("Logical_Switch", "Logical_Router");
  static final Set<String> NAME_INDEXED =
      Set.of("Logical_Switch_Port", "Logical_Router_Port", "Gateway_Chassis");

  private Map<String, Map<Uuid, Row>> tables = new TreeMap<>();
  private long nextUuid = 1;
  private int transactions;

  /** The outcome of a transaction. */
  public record Result(boolean ok, String error) {}

  /** A copy of every table: the view a monitor would give. */
  public Map<String, Map<Uuid, Row>> snapshot() {
    Map<String, Map<Uuid, Row>> out = new TreeMap<>();
    tables.forEach((t, rows) -> out.put(t, Map.copyOf(rows)));
    return out;
  }

  /**
   * The snapshot with empty tables and empty set/map values dropped: OVSDB does not distinguish an
   * empty column from a missing one, so neither do comparisons of whole databases.
   */
  public Map<String, Map<Uuid, Row>> normalized() {
    Map<String, Map<Uuid, Row>> out = new TreeMap<>();
    tables.forEach(
        (t, rows) -> {
          if (!rows.isEmpty()) {
            Map<Uuid, Row> copy = new TreeMap<>(Comparator.comparing(Uuid::value));
            rows.forEach(
                (id, row) -> {
                  Map<String, Object> cols = new HashMap<>();
                  row.columns()
                      .forEach(
                          (c, v) -> {
                            if (!Columns.same(v, null)) {
                              cols.put(c, v);
                            }
                          });
                  copy.put(id, Row.of(cols));
                });
            out.put(t, copy);
          }
        });
    return out;
  }

  /**
   * The content without UUIDs: per table, the sorted descriptions of its rows, where a reference is
   * described by the referenced row's table and natural key. Two databases built by different
   * histories compare equal when they hold the same rows linked the same way.
   */
  public Map<String, List<String>> content() {
    Map<Uuid, String> described = new HashMap<>();
    tables.forEach(
        (t, rows) -> rows.forEach((id, row) -> described.put(id, t + ":" + key(t, row))));
    Map<String, List<String>> out = new TreeMap<>();
    normalized()
        .forEach(
            (t, rows) -> {
              List<String> list = new ArrayList<>();
              rows.values()
                  .forEach(
                      row -> {
                        Map<String, Object> cols = new TreeMap<>();
                        row.columns()
                            .forEach(
                                (c, v) -> {
                                  if (!c.equals("_uuid")) {
                                    cols.put(c, describe(v, described));
                                  }
                                });
                        list.add(cols.toString());
                      });
              list.sort(null);
              out.put(t, list);
            });
    return out;
  }

  private static String key(String table, Row row) {
    return io.ovneip.model.nb.NbTable.byName(table)
        .map(t -> t.naturalKey(row))
        .orElseGet(() -> String.valueOf(row.columns().get("name")));
  }

  private static Object describe(Object v, Map<Uuid, String> described) {
    if (v instanceof Uuid u) {
      return described.getOrDefault(u, "dangling:" + u);
    }
    if (v instanceof OvsdbSet s) {
      List<String> out = new ArrayList<>();
      s.elements().forEach(e -> out.add(String.valueOf(describe(e, described))));
      out.sort(null);
      return out;
    }
    if (v instanceof OvsdbMap m) {
      return new TreeMap<>(
          m.entries().entrySet().stream()
              .collect(
                  java.util.stream.Collectors.toMap(
                      e -> String.valueOf(e.getKey()), e -> String.valueOf(e.getValue()))));
    }
    return v;
  }

  /** How many transactions were applied (failed ones included). */
  public int transactions() {
    return transactions;
  }

  public Map<Uuid, Row> table(String name) {
    return tables.getOrDefault(name, Map.of());
  }

  /** Applies a transaction; on failure nothing changes. */
  public Result transact(List<Operation> ops) {
    transactions++;
    Map<String, Map<Uuid, Row>> work = new TreeMap<>();
    tables.forEach((t, rows) -> work.put(t, new LinkedHashMap<>(rows)));
    long savedNext = nextUuid;
    try {
      Map<String, Uuid> symbols = new HashMap<>();
      for (Operation op : ops) {
        if (op instanceof Operation.Insert i && i.uuidName() != null) {
          symbols.put(i.uuidName(), freshUuid());
        }
      }
      for (Operation op : ops) {
        apply(work, op, symbols);
      }
      commit(work);
      tables = work;
      return new Result(true, "");
    } catch (TxnError e) {
      nextUuid = savedNext;
      return new Result(false, e.getMessage());
    }
  }

  private Uuid freshUuid() {
    return Uuid.of(String.format("00000000-0000-4000-8000-%012d", nextUuid++));
  }

  private void apply(Map<String, Map<Uuid, Row>> db, Operation op, Map<String, Uuid> symbols) {
    if (op instanceof Operation.Insert i) {
      Uuid uuid = i.uuidName() == null ? freshUuid() : symbols.get(i.uuidName());
      Map<String, Object> cols = new HashMap<>(resolve(i.row().columns(), symbols));
      cols.put("_uuid", uuid);
      db.computeIfAbsent(i.tableName(), t -> new LinkedHashMap<>()).put(uuid, Row.of(cols));
    } else if (op instanceof Operation.Update u) {
      Map<Uuid, Row> rows = rows(db, u.tableName());
      for (Uuid id : matching(rows, u.where(), symbols)) {
        Map<String, Object> cols = new HashMap<>(rows.get(id).columns());
        cols.putAll(resolve(u.row().columns(), symbols));
        rows.put(id, Row.of(cols));
      }
    } else if (op instanceof Operation.Mutate m) {
      Map<Uuid, Row> rows = rows(db, m.tableName());
      for (Uuid id : matching(rows, m.where(), symbols)) {
        rows.put(id, mutate(rows.get(id), m.mutations(), symbols));
      }
    } else if (op instanceof Operation.Delete d) {
      Map<Uuid, Row> rows = rows(db, d.tableName());
      matching(rows, d.where(), symbols).forEach(rows::remove);
    } else if (op instanceof Operation.Wait w) {
      checkWait(rows(db, w.tableName()), w, symbols);
    } else if (!(op instanceof Operation.Comment)) {
      throw new TxnError("unsupported operation in the fake: " + op);
    }
  }

  private static Map<Uuid, Row> rows(Map<String, Map<Uuid, Row>> db, String table) {
    return db.computeIfAbsent(table, t -> new LinkedHashMap<>());
  }

  private static List<Uuid> matching(
      Map<Uuid, Row> rows, List<Condition> where, Map<String, Uuid> symbols) {
    List<Uuid> out = new ArrayList<>();
    rows.forEach(
        (id, row) -> {
          if (where.stream().allMatch(c -> holds(row, c, symbols))) {
            out.add(id);
          }
        });
    return out;
  }

  private static boolean holds(Row row, Condition c, Map<String, Uuid> symbols) {
    Object actual = row.columns().get(c.column());
    Object wanted = resolveValue(c.value(), symbols);
    return switch (c.function()) {
      case EQ -> Columns.same(actual, wanted);
      case NE -> !Columns.same(actual, wanted);
      case INCLUDES -> Columns.set(actual).containsAll(Columns.set(wanted));
      case EXCLUDES -> Columns.set(actual).stream().noneMatch(Columns.set(wanted)::contains);
      default -> throw new TxnError("unsupported condition in the fake: " + c);
    };
  }

  private static Row mutate(Row row, List<Mutation> mutations, Map<String, Uuid> symbols) {
    Map<String, Object> cols = new HashMap<>(row.columns());
    for (Mutation m : mutations) {
      if (cols.get(m.column()) instanceof OvsdbMap map) {
        cols.put(m.column(), mutateMap(map, m, symbols));
        continue;
      }
      Set<Object> current = new LinkedHashSet<>(Columns.set(cols.get(m.column())));
      Set<Object> operand = Columns.set(resolveValue(m.value(), symbols));
      switch (m.mutator()) {
        case INSERT -> current.addAll(operand);
        case DELETE -> current.removeAll(operand);
        default -> throw new TxnError("unsupported mutator in the fake: " + m);
      }
      cols.put(m.column(), OvsdbSet.ofAll(current));
    }
    return Row.of(cols);
  }

  /**
   * RFC 7047 5.1 on a map: {@code insert} adds the pairs whose key is absent; {@code delete} with a
   * set removes those keys, with a map the pairs that match.
   */
  private static OvsdbMap mutateMap(OvsdbMap map, Mutation m, Map<String, Uuid> symbols) {
    Map<Object, Object> current = new java.util.LinkedHashMap<>(map.entries());
    Object operand = resolveValue(m.value(), symbols);
    switch (m.mutator()) {
      case INSERT -> ((OvsdbMap) operand).entries().forEach(current::putIfAbsent);
      case DELETE -> {
        if (operand instanceof OvsdbMap om) {
          om.entries().forEach(current::remove);
        } else {
          Columns.set(operand).forEach(current::remove);
        }
      }
      default -> throw new TxnError("unsupported mutator in the fake: " + m);
    }
    return OvsdbMap.of(current);
  }

  private static void checkWait(Map<Uuid, Row> rows, Operation.Wait w, Map<String, Uuid> symbols) {
    List<Map<String, Object>> got = new ArrayList<>();
    for (Uuid id : matching(rows, w.where(), symbols)) {
      Map<String, Object> projected = new HashMap<>();
      w.columns().forEach(c -> projected.put(c, rows.get(id).columns().get(c)));
      got.add(projected);
    }
    List<Map<String, Object>> want = new ArrayList<>();
    w.rows().forEach(r -> want.add(r.columns()));
    boolean equal = got.size() == want.size() && got.containsAll(want) && want.containsAll(got);
    if (equal != w.until().equals("==")) {
      throw new TxnError("timed out: wait on " + w.tableName() + " " + w.where());
    }
  }

  private static Map<String, Object> resolve(Map<String, Object> cols, Map<String, Uuid> symbols) {
    Map<String, Object> out = new HashMap<>();
    cols.forEach((k, v) -> out.put(k, resolveValue(v, symbols)));
    return out;
  }

  private static Object resolveValue(Object v, Map<String, Uuid> symbols) {
    if (v instanceof NamedUuid n) {
      Uuid u = symbols.get(n.name());
      if (u == null) {
        throw new TxnError("reference to nonexistent named row " + n.name());
      }
      return u;
    }
    if (v instanceof OvsdbSet s) {
      Set<Object> out = new LinkedHashSet<>();
      s.elements().forEach(e -> out.add(resolveValue(e, symbols)));
      return OvsdbSet.ofAll(out);
    }
    if (v instanceof OvsdbMap m) {
      Map<Object, Object> out = new HashMap<>();
      m.entries()
          .forEach((k, val) -> out.put(resolveValue(k, symbols), resolveValue(val, symbols)));
      return OvsdbMap.of(out);
    }
    return v;
  }

  private static void commit(Map<String, Map<Uuid, Row>> db) {
    checkReferences(db);
    collectGarbage(db);
    checkIndexes(db);
  }

  private static void checkReferences(Map<String, Map<Uuid, Row>> db) {
    STRONG_REFS.forEach(
        (table, cols) ->
            rows(db, table)
                .forEach(
                    (id, row) ->
                        cols.forEach(
                            (col, target) -> {
                              for (Object ref : Columns.set(row.columns().get(col))) {
                                if (!rows(db, target).containsKey((Uuid) ref)) {
                                  throw new TxnError(
                                      "referential integrity violation: "
                                          + table
                                          + " "
                                          + id
                                          + "."
                                          + col
                                          + " refers to missing "
                                          + target
                                          + " "
                                          + ref);
                                }
                              }
                            })));
  }

  /** RFC 7047 3.2: a non-root row with no strong reference is deleted at commit. */
  private static void collectGarbage(Map<String, Map<Uuid, Row>> db) {
    boolean changed = true;
    while (changed) {
      Set<Uuid> referenced = new HashSet<>();
      STRONG_REFS.forEach(
          (table, cols) ->
              rows(db, table)
                  .values()
                  .forEach(
                      row ->
                          cols.keySet()
                              .forEach(
                                  col ->
                                      Columns.set(row.columns().get(col))
                                          .forEach(r -> referenced.add((Uuid) r)))));
      changed = false;
      for (var e : db.entrySet()) {
        if (!ROOTS.contains(e.getKey())) {
          changed |= e.getValue().keySet().removeIf(id -> !referenced.contains(id));
        }
      }
    }
  }

  private static void checkIndexes(Map<String, Map<Uuid, Row>> db) {
    for (String table : NAME_INDEXED) {
      Set<Object> names = new HashSet<>();
      for (Row row : rows(db, table).values()) {
        if (!names.add(row.columns().get("name"))) {
          throw new TxnError(
              "constraint violation: duplicate " + table + " name " + row.columns().get("name"));
        }
      }
    }
  }

  private static final class TxnError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TxnError(String message) {
      super(message);
    }
  }
}

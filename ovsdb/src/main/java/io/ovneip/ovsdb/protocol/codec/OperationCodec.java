package io.ovneip.ovsdb.protocol.codec;

import io.ovneip.ovsdb.protocol.Condition;
import io.ovneip.ovsdb.protocol.Mutation;
import io.ovneip.ovsdb.protocol.Operation;
import io.ovneip.ovsdb.protocol.OperationResult;
import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import io.ovneip.ovsdb.protocol.schema.DatabaseSchema;
import io.ovneip.ovsdb.protocol.schema.TableSchema;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Operations (RFC 7047 section 5.2) to JSON, and one operation's result back. */
public final class OperationCodec {
  private OperationCodec() {}

  /** The {@code params} of a {@code transact} request: {@code [db, op...]} (section 4.1.3). */
  public static ArrayNode transactParams(String db, List<Operation> ops) {
    ArrayNode params = Json.array();
    params.add(db);
    ops.forEach(op -> params.add(encode(op)));
    return params;
  }

  public static ObjectNode encode(Operation op) {
    ObjectNode o = Json.object();
    if (op instanceof Operation.Insert i) {
      o.put("op", "insert").put("table", i.tableName()).set("row", ValueCodec.encodeRow(i.row()));
      if (i.uuidName() != null) {
        o.put("uuid-name", i.uuidName());
      }
    } else if (op instanceof Operation.Select s) {
      o.put("op", "select").put("table", s.tableName()).set("where", where(s.where()));
      if (s.columns() != null) {
        o.set("columns", strings(s.columns()));
      }
    } else if (op instanceof Operation.Update u) {
      o.put("op", "update").put("table", u.tableName()).set("where", where(u.where()));
      o.set("row", ValueCodec.encodeRow(u.row()));
    } else if (op instanceof Operation.Mutate m) {
      o.put("op", "mutate").put("table", m.tableName()).set("where", where(m.where()));
      o.set("mutations", mutations(m.mutations()));
    } else if (op instanceof Operation.Delete d) {
      o.put("op", "delete").put("table", d.tableName()).set("where", where(d.where()));
    } else if (op instanceof Operation.Wait w) {
      encodeWait(o, w);
    } else if (op instanceof Operation.Commit c) {
      o.put("op", "commit").put("durable", c.durable());
    } else if (op instanceof Operation.Abort) {
      o.put("op", "abort");
    } else if (op instanceof Operation.Comment c) {
      o.put("op", "comment").put("comment", c.comment());
    } else if (op instanceof Operation.Assert a) {
      o.put("op", "assert").put("lock", a.lock());
    } else {
      throw new CodecException("unknown operation " + op);
    }
    return o;
  }

  private static void encodeWait(ObjectNode o, Operation.Wait w) {
    o.put("op", "wait").put("table", w.tableName()).set("where", where(w.where()));
    o.set("columns", strings(w.columns()));
    o.put("until", w.until());
    ArrayNode rows = o.putArray("rows");
    // Every column as given, _uuid included: a wait may compare rows by _uuid alone (an insert's
    // or update's row may not carry it, which is why encodeRow drops it).
    w.rows()
        .forEach(
            r -> {
              ObjectNode row = rows.addObject();
              r.columns().entrySet().stream()
                  .sorted(java.util.Map.Entry.comparingByKey())
                  .forEach(e -> row.set(e.getKey(), ValueCodec.encode(e.getValue())));
            });
    if (w.timeoutMillis() != null) {
      o.put("timeout", w.timeoutMillis());
    }
  }

  public static ArrayNode where(List<Condition> conditions) {
    ArrayNode a = Json.array();
    for (Condition c : conditions) {
      ArrayNode triple = a.addArray();
      triple.add(c.column());
      triple.add(c.function().wire());
      triple.add(ValueCodec.encode(c.value()));
    }
    return a;
  }

  private static ArrayNode mutations(List<Mutation> mutations) {
    ArrayNode a = Json.array();
    for (Mutation m : mutations) {
      ArrayNode triple = a.addArray();
      triple.add(m.column());
      triple.add(m.mutator().wire());
      triple.add(ValueCodec.encode(m.value()));
    }
    return a;
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode a = Json.array();
    values.forEach(a::add);
    return a;
  }

  /**
   * Decodes the result object of a successful {@code op} (section 5.2): {@code uuid} for insert,
   * {@code rows} for select (decoded with the table's schema when {@code schema} is not null),
   * {@code count} for update, mutate and delete.
   */
  public static OperationResult decodeResult(JsonNode result, Operation op, DatabaseSchema schema) {
    if (!result.isObject()) {
      throw new CodecException("operation result is not an object: " + result);
    }
    Uuid uuid = null;
    if (result.has("uuid")) {
      Object u = ValueCodec.decodeUntyped(result.get("uuid"));
      if (!(u instanceof Uuid)) {
        throw new CodecException("insert result uuid is not a uuid: " + result);
      }
      uuid = (Uuid) u;
    }
    List<Row> rows = null;
    if (result.has("rows")) {
      TableSchema table = schema == null ? null : op.table().flatMap(schema::table).orElse(null);
      rows = new ArrayList<>();
      for (JsonNode r : result.get("rows")) {
        rows.add(ValueCodec.decodeRow(r, table, null));
      }
    }
    Long count = result.has("count") ? result.get("count").longValue() : null;
    return new OperationResult(uuid, rows, count);
  }
}

package io.ovneip.ovsdb.cache;

import io.ovneip.ovsdb.protocol.Condition;
import io.ovneip.ovsdb.protocol.codec.Json;
import io.ovneip.ovsdb.protocol.codec.OperationCodec;
import io.ovneip.ovsdb.protocol.schema.DatabaseSchema;
import io.ovneip.ovsdb.protocol.schema.TableSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What to replicate: tables, their columns (empty = every column) and optional conditions (empty =
 * every row), as in a {@code <monitor-cond-request>} of ovsdb-server(7).
 */
public record MonitorRequest(Map<String, TableRequest> tables) {
  public MonitorRequest {
    tables = Map.copyOf(tables);
    if (tables.isEmpty()) {
      throw new IllegalArgumentException("a monitor needs at least one table");
    }
  }

  /** Columns and row conditions for one table. */
  public record TableRequest(List<String> columns, List<Condition> where) {
    public TableRequest {
      columns = List.copyOf(columns);
      where = List.copyOf(where);
    }
  }

  /** Every column and row of each table. */
  public static MonitorRequest of(String... tables) {
    Builder b = builder();
    for (String t : tables) {
      b.table(t);
    }
    return b.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects tables in order. */
  public static final class Builder {
    private final Map<String, TableRequest> tables = new LinkedHashMap<>();

    /** {@code columns} empty: every column. */
    public Builder table(String table, String... columns) {
      return table(table, List.of(columns), List.of());
    }

    /** Only rows matching every condition of {@code where} (RFC 7047 5.1 conditions). */
    public Builder table(String table, List<String> columns, List<Condition> where) {
      tables.put(Objects.requireNonNull(table, "table"), new TableRequest(columns, where));
      return this;
    }

    public MonitorRequest build() {
      return new MonitorRequest(tables);
    }
  }

  /** Fails naming the first table or column the schema lacks. */
  void validate(DatabaseSchema schema) {
    tables.forEach(
        (name, req) -> {
          TableSchema t = schema.requireTable(name);
          req.columns().forEach(t::requireColumn);
          req.where().forEach(c -> t.requireColumn(c.column()));
        });
  }

  /** The columns a replica row holds: the requested ones, or all but {@code _version}. */
  List<String> monitoredColumns(TableSchema table) {
    List<String> cols = tables.get(table.name()).columns();
    if (!cols.isEmpty()) {
      return cols;
    }
    return table.columns().keySet().stream()
        .filter(c -> !c.equals("_uuid") && !c.equals("_version"))
        .sorted()
        .toList();
  }

  /** The JSON {@code <monitor-cond-requests>} object. */
  ObjectNode toJson() {
    ObjectNode o = Json.object();
    tables.forEach(
        (name, req) -> {
          ObjectNode r = o.putArray(name).addObject();
          List<String> cols =
              req.columns().stream()
                  .filter(c -> !c.equals("_uuid") && !c.equals("_version"))
                  .toList();
          if (!req.columns().isEmpty()) {
            ArrayNode a = r.putArray("columns");
            cols.forEach(a::add);
          }
          if (!req.where().isEmpty()) {
            r.set("where", OperationCodec.where(req.where()));
          }
        });
    return o;
  }
}

package io.ovneip.ovsdb.protocol.schema;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A {@code <database-schema>} (RFC 7047 section 3.2), as returned by {@code get_schema}. */
public record DatabaseSchema(String name, String version, Map<String, TableSchema> tables) {
  public DatabaseSchema {
    Objects.requireNonNull(name, "name");
    tables = Map.copyOf(tables);
  }

  public Optional<TableSchema> table(String table) {
    return Optional.ofNullable(tables.get(table));
  }

  /** The table, or an exception naming database and table. */
  public TableSchema requireTable(String table) {
    TableSchema t = tables.get(table);
    if (t == null) {
      throw new IllegalArgumentException("database " + name + " has no table " + table);
    }
    return t;
  }
}

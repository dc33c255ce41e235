package io.ovneip.ovsdb.protocol.schema;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code <table-schema>} (RFC 7047 section 3.2), including the implicit {@code _uuid} and {@code
 * _version} columns. {@code root} false means rows survive only while referenced from another row
 * (e.g. OVN NB {@code NAT}: unreferenced rows are garbage-collected at commit). {@code maxRows} is
 * null when unlimited.
 */
public record TableSchema(
    String name,
    Map<String, ColumnSchema> columns,
    boolean root,
    Long maxRows,
    List<List<String>> indexes) {

  public TableSchema {
    Objects.requireNonNull(name, "name");
    columns = Map.copyOf(columns);
    indexes = indexes.stream().map(List::copyOf).toList();
  }

  public Optional<ColumnSchema> column(String column) {
    return Optional.ofNullable(columns.get(column));
  }

  /** The column, or an exception naming table and column. */
  public ColumnSchema requireColumn(String column) {
    ColumnSchema c = columns.get(column);
    if (c == null) {
      throw new IllegalArgumentException("table " + name + " has no column " + column);
    }
    return c;
  }
}

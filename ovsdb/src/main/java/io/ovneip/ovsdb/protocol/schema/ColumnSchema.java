package io.ovneip.ovsdb.protocol.schema;

import java.util.Objects;

/** A {@code <column-schema>} (RFC 7047 section 3.2). */
public record ColumnSchema(String name, ColumnType type, boolean ephemeral, boolean mutable) {
  public ColumnSchema {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}

package io.ovneip.ovsdb.protocol;

import java.util.Map;
import java.util.Optional;

/**
 * A row as a map from column name to value (RFC 7047 5.1 {@code <row>}). Values follow the Java
 * representation described in {@code package-info}; {@code _uuid} and {@code _version} appear only
 * in rows read from the server.
 */
public record Row(Map<String, Object> columns) {
  public Row {
    columns = Map.copyOf(columns);
  }

  public static Row of(Map<String, ?> columns) {
    return new Row(Map.copyOf(columns));
  }

  public Optional<Object> get(String column) {
    return Optional.ofNullable(columns.get(column));
  }

  /** The row's {@code _uuid}, present on rows read from the server. */
  public Optional<Uuid> uuid() {
    return get("_uuid").map(Uuid.class::cast);
  }
}

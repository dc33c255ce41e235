package io.ovneip.ovsdb.protocol;

import java.util.Map;

/** An OVSDB map (RFC 7047 5.1): JSON {@code ["map", [[key, value], ...]]}. */
public record OvsdbMap(Map<Object, Object> entries) {
  public OvsdbMap {
    entries = Map.copyOf(entries);
  }

  public static OvsdbMap of(Map<?, ?> entries) {
    return new OvsdbMap(Map.copyOf(entries));
  }

  public static OvsdbMap empty() {
    return new OvsdbMap(Map.of());
  }
}

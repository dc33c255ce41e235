package io.ovneip.ovsdb.protocol.schema;

/** The {@code <atomic-type>}s of RFC 7047 section 3.2, with their wire spelling. */
public enum AtomicType {
  INTEGER("integer"),
  REAL("real"),
  BOOLEAN("boolean"),
  STRING("string"),
  UUID("uuid");

  private final String wire;

  AtomicType(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static AtomicType fromWire(String wire) {
    for (AtomicType t : values()) {
      if (t.wire.equals(wire)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown atomic type: " + wire);
  }
}

package io.ovneip.ovsdb.protocol.schema;

import java.util.Objects;

/**
 * A column's {@code <type>} (RFC 7047 section 3.2). {@code value} is null unless the column is a
 * map. {@code max} is {@link #UNLIMITED} for {@code "unlimited"}.
 *
 * <p>The Java value of a column follows from its kind: {@link #isMap()} gives an {@code OvsdbMap};
 * {@link #isScalar()} (min 1, max 1, no value type) gives the bare atom; everything else (optional
 * min 0 / max 1, or max above 1) is a set and gives an {@code OvsdbSet}.
 */
public record ColumnType(BaseType key, BaseType value, long min, long max) {
  public static final long UNLIMITED = Long.MAX_VALUE;

  public ColumnType {
    Objects.requireNonNull(key, "key");
    if (min < 0 || min > 1 || max < 1 || min > max) {
      throw new IllegalArgumentException("invalid min/max: " + min + "/" + max);
    }
  }

  /** A required single atom: {@code "type": "string"} and the like. */
  public static ColumnType scalar(AtomicType type) {
    return new ColumnType(BaseType.of(type), null, 1, 1);
  }

  public boolean isMap() {
    return value != null;
  }

  /** Exactly one atom (min = max = 1): decoded to the bare atom. */
  public boolean isScalar() {
    return value == null && min == 1 && max == 1;
  }

  /** Not a map and not a scalar: optional (0..1) or multi-valued; decoded to an OvsdbSet. */
  public boolean isSet() {
    return value == null && !isScalar();
  }

  /** Min 0, max 1: the OVSDB way to say "optional". */
  public boolean isOptional() {
    return value == null && min == 0 && max == 1;
  }
}

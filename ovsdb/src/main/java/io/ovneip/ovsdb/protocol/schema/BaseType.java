package io.ovneip.ovsdb.protocol.schema;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code <base-type>} (RFC 7047 section 3.2): an atomic type with its optional constraints.
 * {@code enumValues} is empty when the type has no enum; {@code refTable} is null unless this is a
 * uuid referring to rows of another table ({@code weakRef} then tells a weak from a strong
 * reference). Range and length bounds are null when absent.
 */
public record BaseType(
    AtomicType type,
    Set<Object> enumValues,
    String refTable,
    boolean weakRef,
    Long minInteger,
    Long maxInteger,
    Double minReal,
    Double maxReal,
    Long minLength,
    Long maxLength) {

  public BaseType {
    Objects.requireNonNull(type, "type");
    enumValues = Set.copyOf(enumValues);
  }

  /** An unconstrained base type. */
  public static BaseType of(AtomicType type) {
    return new BaseType(type, Set.of(), null, false, null, null, null, null, null, null);
  }

  public Optional<String> ref() {
    return Optional.ofNullable(refTable);
  }
}

package io.ovneip.ovsdb.protocol;

import java.util.Objects;
import java.util.UUID;

/** A row's UUID as the server reports it: JSON {@code ["uuid", "<uuid>"]} (RFC 7047 5.1). */
public record Uuid(String value) {
  // Explicit rather than generated: records' generated equals/hashCode go through method handles
  // that the C1 compiler does not inline, and these keys are hashed by the thousand per update.
  @Override
  public boolean equals(Object o) {
    return o == this || (o instanceof Uuid u && value.equals(u.value));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  public Uuid {
    Objects.requireNonNull(value, "value");
    UUID.fromString(value); // rejects anything that is not a UUID
  }

  public static Uuid of(String value) {
    return new Uuid(value);
  }

  @Override
  public String toString() {
    return value;
  }
}

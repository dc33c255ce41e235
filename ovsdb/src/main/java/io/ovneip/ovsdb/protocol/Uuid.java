package io.ovneip.ovsdb.protocol;

import java.util.Objects;
import java.util.UUID;

/** A row's UUID as the server reports it: JSON {@code ["uuid", "<uuid>"]} (RFC 7047 5.1). */
public record Uuid(String value) {
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

package io.ovneip.ovsdb.protocol;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A reference to a row inserted earlier in the same transaction: JSON {@code ["named-uuid",
 * "<id>"]} (RFC 7047 5.1). The name must be a valid {@code <id>}: a letter or underscore, then
 * letters, digits and underscores.
 */
public record NamedUuid(String name) {
  // Compiled once: a cold start names tens of thousands of inserted rows.
  private static final Pattern ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public NamedUuid {
    Objects.requireNonNull(name, "name");
    if (!ID.matcher(name).matches()) {
      throw new IllegalArgumentException("not an RFC 7047 <id>: " + name);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}

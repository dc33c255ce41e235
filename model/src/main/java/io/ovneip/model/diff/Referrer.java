package io.ovneip.model.diff;

import io.ovneip.ovsdb.protocol.Uuid;
import java.util.Objects;

/** A row whose strong-reference {@code column} holds one of our rows. */
public record Referrer(String table, Uuid uuid, String column) {
  public Referrer {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(uuid, "uuid");
    Objects.requireNonNull(column, "column");
  }
}

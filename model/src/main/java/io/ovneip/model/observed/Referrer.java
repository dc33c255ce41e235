package io.ovneip.model.observed;

import io.ovneip.ovsdb.protocol.Uuid;
import java.util.Comparator;
import java.util.Objects;

/** A row whose strong-reference {@code column} holds one of our rows. */
public record Referrer(String table, Uuid uuid, String column) {
  /** By table, column, then UUID. */
  public static final Comparator<Referrer> ORDER =
      Comparator.comparing(Referrer::table)
          .thenComparing(Referrer::column)
          .thenComparing(r -> r.uuid().value());

  public Referrer {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(uuid, "uuid");
    Objects.requireNonNull(column, "column");
  }
}

package io.ovneip.model.observed;

import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of one replica update, as it was and as it is: {@code before} is empty for an inserted
 * row, {@code after} for a deleted one.
 */
public record RowChange(String table, Uuid uuid, Optional<Row> before, Optional<Row> after) {
  public RowChange {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(uuid, "uuid");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
  }
}

package io.ovneip.model.diff;

import io.ovneip.model.nb.NbRow;
import io.ovneip.model.nb.NbTable;
import java.util.Objects;

/** A table and a natural key in it: the identity of a row across restarts. */
public record RowKey(NbTable table, String naturalKey) {
  public RowKey {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(naturalKey, "naturalKey");
  }

  public static RowKey of(NbRow row) {
    return new RowKey(row.table(), row.naturalKey());
  }

  public static RowKey of(ObservedRow row) {
    return new RowKey(row.table(), row.naturalKey());
  }
}

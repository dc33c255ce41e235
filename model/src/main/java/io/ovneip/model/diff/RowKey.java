package io.ovneip.model.diff;

import io.ovneip.model.nb.NbRow;
import io.ovneip.model.nb.NbTable;
import io.ovneip.model.observed.ObservedRow;
import java.util.Objects;

/** A table and a natural key in it: the identity of a row across restarts. */
public record RowKey(NbTable table, String naturalKey) {
  // Explicit rather than generated: records' generated equals/hashCode go through method handles
  // that the C1 compiler does not inline, and these keys are hashed by the thousand per update.
  @Override
  public boolean equals(Object o) {
    return o == this
        || (o instanceof RowKey k && table == k.table && naturalKey.equals(k.naturalKey));
  }

  @Override
  public int hashCode() {
    return 31 * table.ordinal() + naturalKey.hashCode();
  }

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

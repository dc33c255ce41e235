package io.ovneip.model.observed;

import io.ovneip.model.nb.NbRow;
import io.ovneip.model.nb.NbRows;
import io.ovneip.model.nb.NbTable;
import io.ovneip.model.nb.OwnerKey;
import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An owned row as read from the server: keyed from its raw columns (so a malformed row of ours is
 * still found and removed), with the rows that reference it (in {@link Referrer#ORDER}: a set, kept
 * in one order so that views built different ways compare equal).
 */
public record ObservedRow(
    NbTable table,
    Uuid uuid,
    OwnerKey owner,
    String naturalKey,
    Row row,
    List<Referrer> referrers) {

  /** The order of an owner's rows in {@link ObservedNb}: by table, then UUID. */
  public static final Comparator<ObservedRow> ORDER =
      Comparator.comparing(ObservedRow::table).thenComparing(r -> r.uuid().value());

  public ObservedRow {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(uuid, "uuid");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(naturalKey, "naturalKey");
    Objects.requireNonNull(row, "row");
    List<Referrer> sorted = new ArrayList<>(referrers);
    sorted.sort(Referrer.ORDER);
    referrers = List.copyOf(sorted);
  }

  /** The typed row; empty when malformed. */
  public Optional<NbRow> typed() {
    return NbRows.fromRow(table, row);
  }
}

package io.ovneip.model.nb;

import io.ovneip.ovsdb.protocol.Row;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** NB {@code Logical_Switch} {@code <ls>}: the external switch (docs/behaviour.md §3). */
public record NbLogicalSwitch(OwnerKey owner, String name) implements NbRow {
  public NbLogicalSwitch {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(name, "name");
  }

  @Override
  public NbTable table() {
    return NbTable.LOGICAL_SWITCH;
  }

  /** Equal to {@code table().naturalKey(toRow())}, without building the row. */
  @Override
  public String naturalKey() {
    return name;
  }

  @Override
  public Map<String, Object> columns() {
    return Map.of("name", name, "external_ids", ExternalIds.of(owner));
  }

  static Optional<NbRow> from(OwnerKey owner, Row row) {
    return Columns.string(row, "name").map(n -> new NbLogicalSwitch(owner, n));
  }
}

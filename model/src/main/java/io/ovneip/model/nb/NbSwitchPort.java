package io.ovneip.model.nb;

import io.ovneip.ovsdb.protocol.OvsdbMap;
import io.ovneip.ovsdb.protocol.OvsdbSet;
import io.ovneip.ovsdb.protocol.Row;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * NB {@code Logical_Switch_Port} on the external switch: the localnet port or the port of type
 * router (docs/behaviour.md §3).
 *
 * @param addresses schema: set of strings ({@code ["unknown"]}, {@code ["router"]}); kept sorted
 * @param tag schema: integer 1..4095, at most one; the localnet VLAN
 */
public record NbSwitchPort(
    OwnerKey owner,
    String name,
    String type,
    List<String> addresses,
    Map<String, String> options,
    Optional<Long> tag)
    implements NbRow {

  public NbSwitchPort {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    addresses = addresses.stream().sorted().toList();
    options = Map.copyOf(options);
    Objects.requireNonNull(tag, "tag");
  }

  @Override
  public NbTable table() {
    return NbTable.LOGICAL_SWITCH_PORT;
  }

  /** Equal to {@code table().naturalKey(toRow())}, without building the row. */
  @Override
  public String naturalKey() {
    return name;
  }

  @Override
  public Map<String, Object> columns() {
    return Map.of(
        "name", name,
        "type", type,
        "addresses", OvsdbSet.ofAll(addresses),
        "options", OvsdbMap.of(options),
        "tag", tag.map(OvsdbSet::of).orElse(OvsdbSet.empty()),
        "external_ids", ExternalIds.of(owner));
  }

  static Optional<NbRow> from(OwnerKey owner, Row row) {
    Optional<String> name = Columns.string(row, "name");
    if (name.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new NbSwitchPort(
            owner,
            name.get(),
            Columns.string(row, "type").orElse(""),
            Columns.strings(row, "addresses"),
            Columns.map(row, "options"),
            Columns.integer(row, "tag")));
  }
}

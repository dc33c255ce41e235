package io.ovneip.model.nb;

import io.ovneip.ovsdb.protocol.OvsdbSet;
import io.ovneip.ovsdb.protocol.Row;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * NB {@code Logical_Router_Port} {@code <lr>-<ls>}: the router's gateway port (docs/behaviour.md
 * §3). Its {@code gateway_chassis} are {@link NbGatewayChassis} rows, children of this port in
 * {@link NbTopology}: the column holds their UUIDs, which are no part of a natural key, so they are
 * diffed as rows of their own rather than as a column of this one.
 *
 * @param networks schema: set of at least one string ({@code 172.56.0.254/16}); kept sorted
 */
public record NbRouterPort(OwnerKey owner, String name, String mac, List<String> networks)
    implements NbRow {

  public NbRouterPort {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mac, "mac");
    networks = networks.stream().sorted().toList();
  }

  @Override
  public NbTable table() {
    return NbTable.LOGICAL_ROUTER_PORT;
  }

  /** Equal to {@code table().naturalKey(toRow())}, without building the row. */
  @Override
  public String naturalKey() {
    return name;
  }

  @Override
  public Map<String, Object> columns() {
    return Map.of(
        "name",
        name,
        "mac",
        mac,
        "networks",
        OvsdbSet.ofAll(networks),
        "external_ids",
        ExternalIds.of(owner));
  }

  static Optional<NbRow> from(OwnerKey owner, Row row) {
    Optional<String> name = Columns.string(row, "name");
    if (name.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new NbRouterPort(
            owner,
            name.get(),
            Columns.string(row, "mac").orElse(""),
            Columns.strings(row, "networks")));
  }
}

package io.ovneip.model.nb;

import io.ovneip.model.input.RecordedConfig;
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
 * @param config the record of the config the gateway was built from, in our external_ids key {@link
 *     RecordedConfig#KEY} (docs/behaviour.md §2.1); empty: none
 */
public record NbRouterPort(
    OwnerKey owner, String name, String mac, List<String> networks, Optional<String> config)
    implements NbRow {

  public NbRouterPort {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mac, "mac");
    networks = networks.stream().sorted().toList();
    Objects.requireNonNull(config, "config");
  }

  /** Without a recorded config. */
  public NbRouterPort(OwnerKey owner, String name, String mac, List<String> networks) {
    this(owner, name, mac, networks, Optional.empty());
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
        config
            .map(c -> ExternalIds.of(owner, Map.of(RecordedConfig.KEY, c)))
            .orElseGet(() -> ExternalIds.of(owner)));
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
            Columns.strings(row, "networks"),
            recorded(row)));
  }

  /** The recorded config of a row of ours (docs/behaviour.md §2.1); empty when it has none. */
  public static Optional<String> recorded(Row row) {
    return Optional.ofNullable(Columns.map(row, "external_ids").get(RecordedConfig.KEY));
  }
}

package io.ovneip.model.nb;

import io.ovneip.ovsdb.protocol.Row;
import java.util.Optional;

/**
 * The NB tables this system writes, with their natural keys. {@code root} is the schema's {@code
 * isRoot}: a non-root row exists only while some row references it (RFC 7047 3.2), so it must be
 * inserted and referenced in the same transaction.
 */
public enum NbTable {
  LOGICAL_SWITCH("Logical_Switch", true),
  /** Indexed by {@code name} in the schema. */
  LOGICAL_SWITCH_PORT("Logical_Switch_Port", false),
  /** Indexed by {@code name} in the schema. */
  LOGICAL_ROUTER_PORT("Logical_Router_Port", false),
  /** Indexed by {@code name} in the schema. */
  GATEWAY_CHASSIS("Gateway_Chassis", false),
  NAT("NAT", false),
  LOGICAL_ROUTER_POLICY("Logical_Router_Policy", false);

  /** The router's table: not ours, only referenced (docs/behaviour.md §3). */
  public static final String LOGICAL_ROUTER = "Logical_Router";

  private final String tableName;
  private final boolean root;

  NbTable(String tableName, boolean root) {
    this.tableName = tableName;
    this.root = root;
  }

  public String tableName() {
    return tableName;
  }

  public boolean root() {
    return root;
  }

  public static Optional<NbTable> byName(String tableName) {
    for (NbTable t : values()) {
      if (t.tableName.equals(tableName)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /**
   * The natural key of a row of this table, computed from its columns so that observed rows (even
   * malformed ones) and desired rows are keyed alike. Named tables use {@code name}. A NAT is
   * {@code type external_ip logical_ip} and a policy {@code priority match}: what {@code ovn-nbctl}
   * treats as duplicates, so two rows of one key are a leak.
   */
  public String naturalKey(Row row) {
    return switch (this) {
      case LOGICAL_SWITCH, LOGICAL_SWITCH_PORT, LOGICAL_ROUTER_PORT, GATEWAY_CHASSIS ->
          Columns.string(row, "name").orElse("");
      case NAT ->
          Columns.string(row, "type").orElse("")
              + " "
              + Columns.string(row, "external_ip").orElse("")
              + " "
              + Columns.string(row, "logical_ip").orElse("");
      case LOGICAL_ROUTER_POLICY ->
          Columns.integer(row, "priority").map(String::valueOf).orElse("")
              + " "
              + Columns.string(row, "match").orElse("");
    };
  }

  /**
   * The keys of a map column that this system ever sets in its rows of this table: the only keys it
   * removes when it no longer wants them. Other keys of the column belong to whoever added them
   * (docs/behaviour.md §3: only our keys are set or removed).
   */
  public java.util.Set<String> ownMapKeys(String column) {
    if (column.equals("external_ids")) {
      return this == LOGICAL_ROUTER_PORT
          ? java.util.Set.of(
              ExternalIds.VENDOR_KEY,
              ExternalIds.OWNER_KEY,
              io.ovneip.model.input.RecordedConfig.KEY)
          : java.util.Set.of(ExternalIds.VENDOR_KEY, ExternalIds.OWNER_KEY);
    }
    if (!column.equals("options")) {
      return java.util.Set.of();
    }
    return switch (this) {
      case LOGICAL_SWITCH_PORT -> java.util.Set.of("network_name", "router-port");
      case NAT -> java.util.Set.of("stateless");
      default -> java.util.Set.of();
    };
  }

  @Override
  public String toString() {
    return tableName;
  }
}

package io.ovneip.model.nb;

import io.ovneip.model.input.GatewaySettings;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which row references each of our rows (docs/behaviour.md §3): the switch's {@code ports} hold its
 * ports; the router's {@code ports}, {@code nat} and {@code policies} hold our router port, NAT
 * rows and policies; our router port's {@code gateway_chassis} hold its Gateway_Chassis rows.
 */
public final class NbTopology {
  private NbTopology() {}

  /**
   * The row that must reference a row of ours, by table and name, and the column.
   *
   * @param ownedTable the parent's table when the parent is one of ours; empty for the router
   */
  public record ParentRef(String table, String name, String column, Optional<NbTable> ownedTable) {
    public ParentRef {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(column, "column");
      Objects.requireNonNull(ownedTable, "ownedTable");
    }
  }

  /** Strong reference columns (schema) that can hold our rows, by referring table. */
  public static final Map<String, List<String>> REFERENCE_COLUMNS =
      Map.of(
          NbTable.LOGICAL_SWITCH.tableName(),
          List.of("ports"),
          NbTable.LOGICAL_ROUTER,
          List.of("ports", "nat", "policies"),
          NbTable.LOGICAL_ROUTER_PORT.tableName(),
          List.of("gateway_chassis"));

  /**
   * The column of each parent table of ours that holds non-root children: deleting such a parent
   * makes OVSDB garbage-collect every child only it referenced, ours or not (RFC 7047 3.2).
   */
  public static Optional<String> childColumn(NbTable table) {
    return switch (table) {
      case LOGICAL_SWITCH -> Optional.of("ports");
      case LOGICAL_ROUTER_PORT -> Optional.of("gateway_chassis");
      default -> Optional.empty();
    };
  }

  /** The parent of rows of a table; empty for the root table {@code Logical_Switch}. */
  public static Optional<ParentRef> parentOf(NbTable table, GatewaySettings s) {
    return switch (table) {
      case LOGICAL_SWITCH -> Optional.empty();
      case LOGICAL_SWITCH_PORT ->
          Optional.of(
              new ParentRef(
                  NbTable.LOGICAL_SWITCH.tableName(),
                  s.switchName(),
                  "ports",
                  Optional.of(NbTable.LOGICAL_SWITCH)));
      case LOGICAL_ROUTER_PORT -> router(s, "ports");
      case GATEWAY_CHASSIS ->
          Optional.of(
              new ParentRef(
                  NbTable.LOGICAL_ROUTER_PORT.tableName(),
                  s.routerPortName(),
                  "gateway_chassis",
                  Optional.of(NbTable.LOGICAL_ROUTER_PORT)));
      case NAT -> router(s, "nat");
      case LOGICAL_ROUTER_POLICY -> router(s, "policies");
    };
  }

  private static Optional<ParentRef> router(GatewaySettings s, String column) {
    return Optional.of(
        new ParentRef(NbTable.LOGICAL_ROUTER, s.routerName(), column, Optional.empty()));
  }
}

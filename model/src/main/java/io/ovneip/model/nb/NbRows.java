package io.ovneip.model.nb;

import io.ovneip.ovsdb.protocol.Row;
import java.util.Optional;

/** Converts rows read from the server into typed rows. */
public final class NbRows {
  private NbRows() {}

  /**
   * The typed row of a server row; empty when the row is not ours (no {@code ovn-eip-owner}) or is
   * too malformed to type (a hand edit). Diffing does not depend on this: observed rows are keyed
   * from their raw columns, so even malformed rows of ours are found and removed.
   */
  public static Optional<NbRow> fromRow(NbTable table, Row row) {
    return ExternalIds.ownerOf(row).flatMap(owner -> typed(table, owner, row));
  }

  private static Optional<NbRow> typed(NbTable table, OwnerKey owner, Row row) {
    return switch (table) {
      case LOGICAL_SWITCH -> NbLogicalSwitch.from(owner, row);
      case LOGICAL_SWITCH_PORT -> NbSwitchPort.from(owner, row);
      case LOGICAL_ROUTER_PORT -> NbRouterPort.from(owner, row);
      case GATEWAY_CHASSIS -> NbGatewayChassis.from(owner, row);
      case NAT -> NbNat.from(owner, row);
      case LOGICAL_ROUTER_POLICY -> NbRouterPolicy.from(owner, row);
    };
  }
}

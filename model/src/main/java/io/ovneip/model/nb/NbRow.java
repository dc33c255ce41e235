package io.ovneip.model.nb;

import io.ovneip.ovsdb.protocol.Row;
import java.util.Map;

/**
 * A row this system owns, typed. {@link #columns()} are exactly the columns we decide, in the
 * server's value representation, including {@code external_ids}; reference columns that link rows
 * ({@code ports}, {@code gateway_chassis}, {@code nat}, {@code policies}) are not columns of the
 * typed row: the encoder maintains them from the parent relation in {@link NbTopology}.
 */
public sealed interface NbRow
    permits NbLogicalSwitch, NbSwitchPort, NbRouterPort, NbGatewayChassis, NbNat, NbRouterPolicy {

  OwnerKey owner();

  NbTable table();

  /** Column name to value (RFC 7047 representation, see the protocol package). */
  Map<String, Object> columns();

  default Row toRow() {
    return Row.of(columns());
  }

  /** The natural key within {@link #table()}. */
  default String naturalKey() {
    return table().naturalKey(toRow());
  }
}

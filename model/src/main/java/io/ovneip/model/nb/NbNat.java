package io.ovneip.model.nb;

import io.ovneip.ovsdb.protocol.OvsdbMap;
import io.ovneip.ovsdb.protocol.OvsdbSet;
import io.ovneip.ovsdb.protocol.Row;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * NB {@code NAT} on the cluster router (docs/behaviour.md §3). Distributed EIPs set {@code
 * logical_port} and {@code external_mac} (schema: optional strings) so that the pod's own chassis
 * does the NAT, and {@code options:stateless=true}.
 */
public record NbNat(
    OwnerKey owner,
    NatType type,
    String externalIp,
    String logicalIp,
    Optional<String> logicalPort,
    Optional<String> externalMac,
    Map<String, String> options)
    implements NbRow {

  public NbNat {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(externalIp, "externalIp");
    Objects.requireNonNull(logicalIp, "logicalIp");
    Objects.requireNonNull(logicalPort, "logicalPort");
    Objects.requireNonNull(externalMac, "externalMac");
    options = Map.copyOf(options);
  }

  /** A centralized NAT: no logical port, no external MAC, no options. */
  public static NbNat centralized(
      OwnerKey owner, NatType type, String externalIp, String logicalIp) {
    return new NbNat(
        owner, type, externalIp, logicalIp, Optional.empty(), Optional.empty(), Map.of());
  }

  @Override
  public NbTable table() {
    return NbTable.NAT;
  }

  /** Equal to {@code table().naturalKey(toRow())}, without building the row. */
  @Override
  public String naturalKey() {
    return type.wire() + " " + externalIp + " " + logicalIp;
  }

  @Override
  public Map<String, Object> columns() {
    return Map.of(
        "type", type.wire(),
        "external_ip", externalIp,
        "logical_ip", logicalIp,
        "logical_port", logicalPort.map(OvsdbSet::of).orElse(OvsdbSet.empty()),
        "external_mac", externalMac.map(OvsdbSet::of).orElse(OvsdbSet.empty()),
        "options", OvsdbMap.of(options),
        "external_ids", ExternalIds.of(owner));
  }

  static Optional<NbRow> from(OwnerKey owner, Row row) {
    Optional<NatType> type = Columns.string(row, "type").flatMap(NatType::fromWire);
    Optional<String> ext = Columns.string(row, "external_ip");
    Optional<String> logical = Columns.string(row, "logical_ip");
    if (type.isEmpty() || ext.isEmpty() || logical.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new NbNat(
            owner,
            type.get(),
            ext.get(),
            logical.get(),
            Columns.string(row, "logical_port"),
            Columns.string(row, "external_mac"),
            Columns.map(row, "options")));
  }
}

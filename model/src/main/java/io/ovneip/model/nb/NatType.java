package io.ovneip.model.nb;

import java.util.Optional;

/** The NAT types this system writes (schema: {@code NAT.type}; {@code dnat} is never ours). */
public enum NatType {
  /** SNAT: pods share {@code external_ip} for outbound traffic. */
  SNAT("snat"),
  /** EIP: 1:1 between {@code external_ip} and the pod. */
  DNAT_AND_SNAT("dnat_and_snat");

  private final String wire;

  NatType(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<NatType> fromWire(String wire) {
    for (NatType t : values()) {
      if (t.wire.equals(wire)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}

package io.ovneip.model.input;

/** An IP address family; {@link #matchPrefix()} is OVN's match field for a source address. */
public enum IpFamily {
  V4(32, "ip4", "IPv4"),
  V6(128, "ip6", "IPv6");

  private final int bits;
  private final String ovnProto;
  private final String label;

  IpFamily(int bits, String ovnProto, String label) {
    this.bits = bits;
    this.ovnProto = ovnProto;
    this.label = label;
  }

  /** Address length in bits. */
  public int bits() {
    return bits;
  }

  /** {@code ip4} or {@code ip6}, as used in OVN logical-flow matches ({@code ip4.src}). */
  public String ovnProto() {
    return ovnProto;
  }

  /** {@code IPv4} or {@code IPv6}, for messages. */
  public String label() {
    return label;
  }
}

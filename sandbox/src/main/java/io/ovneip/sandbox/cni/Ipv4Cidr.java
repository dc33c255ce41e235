package io.ovneip.sandbox.cni;

/** An IPv4 network in CIDR form; addresses are handled as unsigned 32-bit values in a long. */
public record Ipv4Cidr(long network, int prefix) {
  public Ipv4Cidr {
    if (prefix < 8 || prefix > 30) {
      // Narrower than /30 leaves no host besides the gateway; wider than /8 is no pod subnet.
      throw new IllegalArgumentException("prefix must be 8..30, got " + prefix);
    }
    if ((network & ~mask(prefix)) != 0) {
      throw new IllegalArgumentException("host bits set in " + format(network) + "/" + prefix);
    }
  }

  public static Ipv4Cidr parse(String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("not a CIDR: " + cidr);
    }
    return new Ipv4Cidr(
        parseAddress(cidr.substring(0, slash)), Integer.parseInt(cidr.substring(slash + 1)));
  }

  /** Number of addresses in the network, including network and broadcast. */
  public long size() {
    return 1L << (32 - prefix);
  }

  /** The {@code index}-th address of the network (0 = the network address). */
  public String hostAddress(long index) {
    if (index < 0 || index >= size()) {
      throw new IllegalArgumentException(index + " outside " + this);
    }
    return format(network + index);
  }

  /** The offset of {@code address} in this network, or -1 when it lies outside. */
  public long indexOf(String address) {
    long a = parseAddress(address);
    return (a & mask(prefix)) == network ? a - network : -1;
  }

  static long parseAddress(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("not an IPv4 address: " + s);
    }
    long v = 0;
    for (String p : parts) {
      int octet = Integer.parseInt(p);
      if (octet < 0 || octet > 255) {
        throw new IllegalArgumentException("not an IPv4 address: " + s);
      }
      v = (v << 8) | octet;
    }
    return v;
  }

  static String format(long v) {
    return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
  }

  private static long mask(int prefix) {
    return (0xffffffffL << (32 - prefix)) & 0xffffffffL;
  }

  @Override
  public String toString() {
    return format(network) + "/" + prefix;
  }
}

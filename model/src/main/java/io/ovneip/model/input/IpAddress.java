package io.ovneip.model.input;

import java.util.Objects;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address as a 128-bit value ({@code high}, {@code low}); an IPv4 address lives in
 * the low 32 bits. Equality is by value, so {@code fd00:0::1} and {@code fd00::1} are equal and
 * {@link #text()} is the canonical form (dotted quad; RFC 5952 for IPv6). Parsed by {@link
 * IpLiteralParser}, never by {@code java.net}: a host name can never cause a DNS lookup.
 */
public record IpAddress(IpFamily family, long high, long low) implements Comparable<IpAddress> {
  // Explicit rather than generated: records' generated equals/hashCode go through method handles
  // that the C1 compiler does not inline, and these keys are hashed by the thousand per update.
  @Override
  public boolean equals(Object o) {
    return o == this
        || (o instanceof IpAddress a && family == a.family && high == a.high && low == a.low);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * family.ordinal() + Long.hashCode(high)) + Long.hashCode(low);
  }

  public IpAddress {
    Objects.requireNonNull(family, "family");
    if (family == IpFamily.V4 && (high != 0 || (low >>> 32) != 0)) {
      throw new IllegalArgumentException("an IPv4 address has 32 bits");
    }
  }

  /** The address of a literal, or empty when the text is not exactly one IPv4 or IPv6 literal. */
  public static Optional<IpAddress> parse(String text) {
    return IpLiteralParser.parse(text);
  }

  /** Like {@link #parse} but for literals known to be valid (constants, tests). */
  public static IpAddress of(String text) {
    return parse(text)
        .orElseThrow(() -> new IllegalArgumentException("not an IP address: " + text));
  }

  public static IpAddress v4(long value) {
    return new IpAddress(IpFamily.V4, 0, value & 0xffff_ffffL);
  }

  /** The canonical text: dotted quad, or RFC 5952 section 4 for IPv6. */
  public String text() {
    return family == IpFamily.V4 ? IpText.v4(low) : IpText.v6(high, low);
  }

  /** The address with every bit after the first {@code prefixLength} cleared. */
  public IpAddress masked(int prefixLength) {
    checkPrefixLength(prefixLength);
    int p = prefixLength + (128 - family.bits());
    long hiMask = p == 0 ? 0 : p >= 64 ? -1L : -1L << (64 - p);
    long loMask = p <= 64 ? 0 : -1L << (128 - p);
    return new IpAddress(family, high & hiMask, low & loMask);
  }

  /** The address with every bit after the first {@code prefixLength} set (IPv4 broadcast). */
  public IpAddress filled(int prefixLength) {
    IpAddress net = masked(prefixLength);
    int p = prefixLength + (128 - family.bits());
    long hiHost = p >= 64 ? 0 : p == 0 ? -1L : ~(-1L << (64 - p));
    long loHost = p <= 64 ? -1L : ~(-1L << (128 - p));
    if (family == IpFamily.V4) {
      return new IpAddress(family, 0, (net.low | loHost) & 0xffff_ffffL);
    }
    return new IpAddress(family, net.high | hiHost, net.low | loHost);
  }

  void checkPrefixLength(int prefixLength) {
    if (prefixLength < 0 || prefixLength > family.bits()) {
      throw new IllegalArgumentException("prefix length out of range: " + prefixLength);
    }
  }

  /** {@code 0.0.0.0} or {@code ::}. */
  public boolean isUnspecified() {
    return high == 0 && low == 0;
  }

  /** {@code 127.0.0.0/8} or {@code ::1}. */
  public boolean isLoopback() {
    return family == IpFamily.V4 ? (low >>> 24) == 127 : high == 0 && low == 1;
  }

  /** {@code 224.0.0.0/4} or {@code ff00::/8}. */
  public boolean isMulticast() {
    return family == IpFamily.V4 ? (low >>> 28) == 0xe : (high >>> 56) == 0xff;
  }

  /** {@code 169.254.0.0/16} or {@code fe80::/10}. */
  public boolean isLinkLocalUnicast() {
    return family == IpFamily.V4 ? (low >>> 16) == 0xa9fe : (high >>> 54) == (0xfe80L >>> 6);
  }

  /**
   * Unicast that routes beyond the link: everything but unspecified, loopback, multicast,
   * link-local and the IPv4 limited broadcast (the definition of Go's {@code
   * net.IP.IsGlobalUnicast}, which counts private and unique-local ranges as global: they carry a
   * node's traffic just the same).
   */
  public boolean isGlobalUnicast() {
    boolean broadcast = family == IpFamily.V4 && low == 0xffffffffL;
    return !isUnspecified()
        && !isLoopback()
        && !isMulticast()
        && !isLinkLocalUnicast()
        && !broadcast;
  }

  @Override
  public int compareTo(IpAddress o) {
    int c = family.compareTo(o.family);
    if (c == 0) {
      c = Long.compareUnsigned(high, o.high);
    }
    return c != 0 ? c : Long.compareUnsigned(low, o.low);
  }

  @Override
  public String toString() {
    return text();
  }
}

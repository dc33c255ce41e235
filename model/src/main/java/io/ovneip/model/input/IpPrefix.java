package io.ovneip.model.input;

import java.util.Objects;
import java.util.Optional;

/**
 * An address with a prefix length, as written in {@code nic-ip} and {@code external-gw-addr}
 * ({@code 172.56.0.254/16}). The address keeps its host bits: for a router port it is the port's
 * own address (NB {@code Logical_Router_Port.networks}), and {@link #network()} gives the network.
 */
public record IpPrefix(IpAddress address, int length) {

  public IpPrefix {
    Objects.requireNonNull(address, "address");
    address.checkPrefixLength(length);
  }

  /** {@code IP/len}; empty unless the text is exactly that (no bare address, no spaces). */
  public static Optional<IpPrefix> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    int slash = text.indexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    Optional<IpAddress> address = IpAddress.parse(text.substring(0, slash));
    int length = parseLength(text.substring(slash + 1));
    if (address.isEmpty() || length < 0 || length > address.get().family().bits()) {
      return Optional.empty();
    }
    return Optional.of(new IpPrefix(address.get(), length));
  }

  public static IpPrefix of(String text) {
    return parse(text).orElseThrow(() -> new IllegalArgumentException("not a CIDR: " + text));
  }

  private static int parseLength(String s) {
    if (s.isEmpty() || s.length() > 3 || (s.length() > 1 && s.charAt(0) == '0')) {
      return -1;
    }
    int v = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  public IpFamily family() {
    return address.family();
  }

  /** The network address (host bits cleared). */
  public IpAddress network() {
    return address.masked(length);
  }

  /** True when {@code other} is of the same family and inside this network. */
  public boolean contains(IpAddress other) {
    return other.family() == family() && other.masked(length).equals(network());
  }

  /**
   * True when {@code other} cannot be a host on this network: the IPv4 network or broadcast address
   * of a network with room for hosts (/0../30; /31 and /32 have no such addresses, RFC 3021).
   */
  public boolean isReservedHost(IpAddress other) {
    if (family() != IpFamily.V4 || length > 30 || !contains(other)) {
      return false;
    }
    return other.equals(network()) || other.equals(address.filled(length));
  }

  /** {@code address/length} with the canonical address text. */
  public String text() {
    return address.text() + "/" + length;
  }

  @Override
  public String toString() {
    return text();
  }
}

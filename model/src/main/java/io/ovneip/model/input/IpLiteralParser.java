package io.ovneip.model.input;

import java.util.Optional;

/**
 * Parses IP literals by hand, so that no input ever reaches {@code java.net.InetAddress} (which
 * resolves host names). Strict on purpose: IPv4 is exactly four decimal octets without leading
 * zeros ({@code 010.0.0.1} is ambiguous: octal to some tools); IPv6 is RFC 4291 section 2.2 text
 * (with at most one "::" and an optional trailing dotted quad), without zone index.
 */
final class IpLiteralParser {
  private IpLiteralParser() {}

  static Optional<IpAddress> parse(String text) {
    if (text == null || text.isEmpty() || text.length() > 45) {
      return Optional.empty();
    }
    if (text.indexOf(':') >= 0) {
      return parseV6(text);
    }
    long v4 = parseV4(text);
    return v4 < 0 ? Optional.empty() : Optional.of(IpAddress.v4(v4));
  }

  /** The 32-bit value of a dotted quad, or -1. */
  static long parseV4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return -1;
    }
    long value = 0;
    for (String part : parts) {
      int octet = parseDecimalOctet(part);
      if (octet < 0) {
        return -1;
      }
      value = (value << 8) | octet;
    }
    return value;
  }

  private static int parseDecimalOctet(String s) {
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
    return v <= 255 ? v : -1;
  }

  private static Optional<IpAddress> parseV6(String text) {
    int gap = text.indexOf("::");
    // One "::" at most, and a dotted quad only as the last 32 bits (never before the "::").
    if (gap >= 0
        && (text.indexOf("::", gap + 1) >= 0 || text.substring(0, gap).indexOf('.') >= 0)) {
      return Optional.empty();
    }
    int[] head = gap < 0 ? groups(text) : groups(text.substring(0, gap));
    int[] tail = gap < 0 ? new int[0] : groups(text.substring(gap + 2));
    if (head == null || tail == null) {
      return Optional.empty();
    }
    int total = head.length + tail.length;
    if (gap < 0 ? total != 8 : total > 7) {
      return Optional.empty();
    }
    int[] all = new int[8];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(tail, 0, all, 8 - tail.length, tail.length);
    long high = 0;
    long low = 0;
    for (int i = 0; i < 4; i++) {
      high = (high << 16) | all[i];
      low = (low << 16) | all[i + 4];
    }
    return Optional.of(new IpAddress(IpFamily.V6, high, low));
  }

  /**
   * The 16-bit groups of a colon-separated run ("" = none); a trailing dotted quad counts as two
   * groups. Null when malformed.
   */
  private static int[] groups(String run) {
    if (run.isEmpty()) {
      return new int[0];
    }
    String[] parts = run.split(":", -1);
    boolean dotted = parts[parts.length - 1].indexOf('.') >= 0;
    int[] out = new int[parts.length + (dotted ? 1 : 0)];
    for (int i = 0; i < parts.length; i++) {
      if (dotted && i == parts.length - 1) {
        long v4 = parseV4(parts[i]);
        if (v4 < 0) {
          return null;
        }
        out[i] = (int) (v4 >>> 16);
        out[i + 1] = (int) (v4 & 0xffff);
      } else {
        out[i] = parseHexGroup(parts[i]);
        if (out[i] < 0) {
          return null;
        }
      }
    }
    return out;
  }

  private static int parseHexGroup(String s) {
    if (s.isEmpty() || s.length() > 4) {
      return -1;
    }
    int v = 0;
    for (int i = 0; i < s.length(); i++) {
      int d = Character.digit(s.charAt(i), 16);
      if (d < 0 || s.charAt(i) > 'f') {
        return -1;
      }
      v = (v << 4) | d;
    }
    return v;
  }
}

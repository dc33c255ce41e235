package io.ovneip.model.input;

/** Canonical text of addresses: dotted quad, and RFC 5952 section 4 for IPv6. */
final class IpText {
  private IpText() {}

  static String v4(long value) {
    return ((value >>> 24) & 0xff)
        + "."
        + ((value >>> 16) & 0xff)
        + "."
        + ((value >>> 8) & 0xff)
        + "."
        + (value & 0xff);
  }

  static String v6(long high, long low) {
    int[] groups = new int[8];
    for (int i = 0; i < 4; i++) {
      groups[i] = (int) ((high >>> (48 - 16 * i)) & 0xffff);
      groups[i + 4] = (int) ((low >>> (48 - 16 * i)) & 0xffff);
    }
    // RFC 5952 section 5: IPv4-mapped addresses (::ffff:0:0/96) keep the dotted quad.
    if (high == 0 && groups[4] == 0 && groups[5] == 0xffff) {
      return "::ffff:" + v4(low & 0xffff_ffffL);
    }
    int[] run = longestZeroRun(groups);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == run[0]) {
        sb.append(i == 0 ? "::" : ":");
        i += run[1] - 1;
        continue;
      }
      sb.append(Integer.toHexString(groups[i]));
      if (i < 7) {
        sb.append(':');
      }
    }
    return sb.toString();
  }

  /**
   * Start and length of the run of zero groups to shorten with "::": the longest, the first of
   * equally long ones, and never a single group (RFC 5952 sections 4.2.1 to 4.2.3).
   */
  private static int[] longestZeroRun(int[] groups) {
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    return new int[] {bestStart, bestLen};
  }
}

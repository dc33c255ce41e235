package io.ovneip.model.input;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An Ethernet address in OVN's form: six colon-separated pairs of hex digits, lower case (NB {@code
 * Logical_Router_Port.mac}, {@code NAT.external_mac}).
 */
public record MacAddress(String text) {
  private static final Pattern NORMALISED = Pattern.compile("([0-9a-f]{2}:){5}[0-9a-f]{2}");
  private static final Pattern ANY_CASE = Pattern.compile("([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}");

  public MacAddress {
    Objects.requireNonNull(text, "text");
    if (!NORMALISED.matcher(text).matches()) {
      throw new IllegalArgumentException("not a normalised MAC: " + text);
    }
  }

  /** The address, normalised to lower case; empty unless {@code xx:xx:xx:xx:xx:xx}. */
  public static Optional<MacAddress> parse(String text) {
    if (text == null || !ANY_CASE.matcher(text).matches()) {
      return Optional.empty();
    }
    return Optional.of(new MacAddress(text.toLowerCase(Locale.ROOT)));
  }

  /** Group bit (I/G, the lowest bit of the first octet) clear, and not all zeros. */
  public boolean isUnicast() {
    int first = Integer.parseInt(text.substring(0, 2), 16);
    return (first & 1) == 0 && !text.equals("00:00:00:00:00:00");
  }

  /**
   * A stable, locally administered unicast address derived from {@code seed} (FNV-1a 64). Used when
   * {@code nic-mac} is not given: the reference generates a random one, which would change on every
   * reconcile; a derived one keeps the router port stable.
   */
  public static MacAddress derivedFrom(String seed) {
    long h = 0xcbf29ce484222325L;
    for (byte b : seed.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    // 0x0a: locally administered (bit 1 set), unicast (bit 0 clear).
    StringBuilder sb = new StringBuilder("0a");
    for (int i = 0; i < 5; i++) {
      sb.append(':').append(String.format(Locale.ROOT, "%02x", (h >>> (8 * i)) & 0xff));
    }
    return new MacAddress(sb.toString());
  }

  @Override
  public String toString() {
    return text;
  }
}

package io.ovneip.model.input;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The config the gateway rows were built from, as recorded in our own gateway router port
 * (external_ids {@link #KEY}), so that a controller started while the ConfigMap is invalid, and
 * {@code ovn-eip status}, know the last good config (docs/behaviour.md §2.1).
 *
 * <p>The record is the ConfigMap data of the config, canonical: every key the config sets, in
 * sorted order, as {@code key=value} pairs joined by {@code &}, with {@code %}, {@code &}, {@code
 * =} and control characters in keys and values written {@code %XX} (so no value can be mistaken for
 * a separator). Reading it back goes through {@link GatewayConfigParser}, the one parser of the
 * ConfigMap; {@code decode(encode(c))} is {@code c}.
 */
public final class RecordedConfig {
  /** Ours, in the external_ids of our own gateway router port only. */
  public static final String KEY = "ovn-eip-config";

  /**
   * At most this many characters; a larger config (hundreds of gateway nodes) is not recorded, and
   * a restart while the ConfigMap is invalid then holds, as without a record.
   */
  public static final int MAX_CHARS = 8192;

  private RecordedConfig() {}

  /** The record of an enabled config; empty for a disabled one (no gateway rows) or too large. */
  public static Optional<String> encode(GatewayConfig config) {
    if (!config.enabled()) {
      return Optional.empty();
    }
    Map<String, String> data = new TreeMap<>();
    data.put(GatewayConfigParser.ENABLE, "true");
    data.put(
        GatewayConfigParser.TYPE,
        config.type() == GatewayType.DISTRIBUTED ? "distributed" : "centralized");
    if (config.type() == GatewayType.CENTRALIZED) {
      data.put(GatewayConfigParser.NODES, String.join(",", config.nodes()));
    }
    data.put(GatewayConfigParser.NIC, config.nic());
    data.put(GatewayConfigParser.GATEWAY_ADDR, cidrs(config.gatewayAddresses()));
    data.put(GatewayConfigParser.NIC_IP, cidrs(config.nicIps()));
    data.put(GatewayConfigParser.NIC_MAC, config.mac().orElseThrow().text());
    data.put(GatewayConfigParser.FAILBACK, config.preemptive() ? "preemptive" : "non-preemptive");
    config
        .bfdIntervalMs()
        .ifPresent(ms -> data.put(GatewayConfigParser.BFD_INTERVAL, Integer.toString(ms)));
    StringJoiner out = new StringJoiner("&");
    data.forEach((k, v) -> out.add(encoded(k) + "=" + encoded(v)));
    String text = out.toString();
    return text.length() <= MAX_CHARS ? Optional.of(text) : Optional.empty();
  }

  /**
   * The config a record holds; empty when it is malformed, too large or not a valid enabled config
   * (a hand edit, another version's format): then there is no last good config to take.
   */
  public static Optional<GatewayConfig> decode(String record) {
    if (record == null || record.isEmpty() || record.length() > MAX_CHARS) {
      return Optional.empty();
    }
    Map<String, String> data = new HashMap<>();
    for (String pair : record.split("&", -1)) {
      int eq = pair.indexOf('=');
      if (eq < 0) {
        return Optional.empty();
      }
      try {
        String key = decoded(pair.substring(0, eq));
        if (data.put(key, decoded(pair.substring(eq + 1))) != null) {
          return Optional.empty();
        }
      } catch (IllegalArgumentException e) {
        return Optional.empty(); // a malformed %XX
      }
    }
    return GatewayConfigParser.parse(data).value().filter(GatewayConfig::enabled);
  }

  private static String cidrs(List<IpPrefix> prefixes) {
    return prefixes.stream().map(IpPrefix::text).collect(Collectors.joining(","));
  }

  /** {@code %}, {@code &}, {@code =} and control characters as {@code %XX}; the rest as is. */
  private static String encoded(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      if (c == '%' || c == '&' || c == '=' || c < 0x20 || c == 0x7f) {
        out.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The inverse of {@link #encoded}; fails on a {@code %} not followed by two hex digits. */
  private static String decoded(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '%') {
        out.append(c);
        continue;
      }
      int hi = i + 2 < s.length() ? HEX.indexOf(s.charAt(i + 1)) : -1;
      int lo = hi >= 0 ? HEX.indexOf(s.charAt(i + 2)) : -1;
      if (lo < 0) {
        throw new IllegalArgumentException("malformed escape in " + s);
      }
      out.append((char) (hi << 4 | lo));
      i += 2;
    }
    return out.toString();
  }

  private static final String HEX = "0123456789ABCDEF";
}

package io.ovneip.testkit.dataplane;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of {@code tcpdump -n -tt -e}: link addresses, and for IPv4 and IPv6 the network
 * addresses and (TCP/UDP) ports. ARP and other frames keep their text in {@link #text()}; so do
 * ICMPv6's neighbour discovery messages (e.g. {@code "ICMP6, neighbor advertisement, tgt is
 * fd00:172:56::233, ..."}), which are IPv6 packets too.
 *
 * @param epochMicros kernel receive time, microseconds since the epoch (same clock as {@code
 *     System.currentTimeMillis()})
 * @param srcMac source MAC
 * @param dstMac destination MAC
 * @param src IPv4 or IPv6 source, or "" for non-IP frames
 * @param srcPort source port, or -1
 * @param dst IPv4 or IPv6 destination, or ""
 * @param dstPort destination port, or -1
 * @param text everything after the link header, e.g. {@code "Reply 172.56.0.233 is-at ..."}
 */
public record Packet(
    long epochMicros,
    String srcMac,
    String dstMac,
    String src,
    int srcPort,
    String dst,
    int dstPort,
    String text) {

  // "1700000000.123456 aa:.. > bb:.., ethertype IPv4 (0x0800), length 74: <payload>"
  private static final Pattern LINE =
      Pattern.compile(
          "^(\\d+)\\.(\\d{6}) (\\S+) > (\\S+), ethertype \\S+ \\(0x[0-9a-f]+\\), .*?: (.*)$");
  // "172.56.0.200.41234 > 172.56.0.1.20001: ..." or "172.56.0.1 > 172.56.0.233: ICMP ..."
  private static final Pattern IP4 =
      Pattern.compile(
          "^(\\d+\\.\\d+\\.\\d+\\.\\d+)(?:\\.(\\d+))? > (\\d+\\.\\d+\\.\\d+\\.\\d+)(?:\\.(\\d+))?: (.*)$");

  // "fd00:10:16::2.41234 > fd00:172:56::1.20001: ..." or "fd00:172:56::1 > fd00::2: ICMP6, ...":
  // IPv6 addresses hold no dot, so the port is what follows the only dot.
  private static final Pattern IP6 =
      Pattern.compile(
          "^([0-9a-f:]*:[0-9a-f:]*)(?:\\.(\\d+))? > ([0-9a-f:]*:[0-9a-f:]*)(?:\\.(\\d+))?: (.*)$");

  /** Parses one line; empty for lines that are not frames (tcpdump's banners). */
  public static Optional<Packet> parse(String line) {
    Matcher m = LINE.matcher(line);
    if (!m.matches()) {
      return Optional.empty();
    }
    long micros = Long.parseLong(m.group(1)) * 1_000_000L + Long.parseLong(m.group(2));
    String payload = m.group(5);
    Matcher ip = IP4.matcher(payload);
    if (!ip.matches()) {
      ip = IP6.matcher(payload);
    }
    if (ip.matches()) {
      return Optional.of(
          new Packet(
              micros,
              m.group(3),
              m.group(4),
              ip.group(1),
              port(ip.group(2)),
              ip.group(3),
              port(ip.group(4)),
              ip.group(5)));
    }
    return Optional.of(new Packet(micros, m.group(3), m.group(4), "", -1, "", -1, payload));
  }

  private static int port(String s) {
    return s == null ? -1 : Integer.parseInt(s);
  }

  public boolean isIp() {
    return !src.isEmpty();
  }

  /** ICMP or ICMPv6 (tcpdump prints {@code ICMP6, ...} for the latter). */
  public boolean isIcmp() {
    return text.startsWith("ICMP");
  }

  public boolean isIpv6() {
    return src.contains(":");
  }

  public boolean isUdp() {
    return text.startsWith("UDP");
  }

  /** Not ICMP/UDP/ARP and with ports: TCP, as tcpdump prints it ("Flags [S], ..."). */
  public boolean isTcp() {
    return isIp() && srcPort >= 0 && text.startsWith("Flags");
  }

  public long epochMillis() {
    return epochMicros / 1000;
  }
}

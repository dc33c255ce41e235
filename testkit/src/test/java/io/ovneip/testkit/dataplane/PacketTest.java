package io.ovneip.testkit.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** tcpdump -n -tt -e lines as this machine's tcpdump 4.99 prints them. */
class PacketTest {
  @Test
  void tcpLineGivesAddressesPortsAndTime() {
    Packet p =
        Packet.parse(
                "1795697757.691565 16:52:f3:13:6a:25 > 26:07:a3:8c:aa:9f, ethertype IPv4 (0x0800),"
                    + " length 74: 172.56.0.200.60204 > 172.56.0.1.20001: Flags [S], seq 1, length 0")
            .orElseThrow();
    assertThat(p.epochMicros()).isEqualTo(1795697757691565L);
    assertThat(p.epochMillis()).isEqualTo(1795697757691L);
    assertThat(p.srcMac()).isEqualTo("16:52:f3:13:6a:25");
    assertThat(p.dstMac()).isEqualTo("26:07:a3:8c:aa:9f");
    assertThat(p.src()).isEqualTo("172.56.0.200");
    assertThat(p.srcPort()).isEqualTo(60204);
    assertThat(p.dst()).isEqualTo("172.56.0.1");
    assertThat(p.dstPort()).isEqualTo(20001);
    assertThat(p.isTcp()).isTrue();
    assertThat(p.isUdp()).isFalse();
  }

  @Test
  void udpAndIcmpLines() {
    Packet udp =
        Packet.parse(
                "1795697757.725425 16:52:f3:13:6a:25 > 26:07:a3:8c:aa:9f, ethertype IPv4 (0x0800),"
                    + " length 48: 172.56.0.200.43886 > 172.56.0.1.20002: UDP, length 6")
            .orElseThrow();
    assertThat(udp.isUdp()).isTrue();
    assertThat(udp.dstPort()).isEqualTo(20002);
    Packet icmp =
        Packet.parse(
                "1795697757.000001 26:07:a3:8c:aa:9f > 16:52:f3:13:6a:25, ethertype IPv4 (0x0800),"
                    + " length 98: 172.56.0.1 > 172.56.0.233: ICMP echo request, id 7, seq 1,"
                    + " length 64")
            .orElseThrow();
    assertThat(icmp.isIcmp()).isTrue();
    assertThat(icmp.srcPort()).isEqualTo(-1);
    assertThat(icmp.dst()).isEqualTo("172.56.0.233");
  }

  @Test
  void ipv6LinesGiveAddressesPortsAndNeighbourDiscoveryText() {
    Packet tcp =
        Packet.parse(
                "1795697757.000001 26:07:a3:8c:aa:9f > 16:52:f3:13:6a:25, ethertype IPv6 (0x86dd),"
                    + " length 94: fd00:172:56::1.41234 > fd00:172:56::233.8080: Flags [S], seq 1,"
                    + " win 64800, length 0")
            .orElseThrow();
    assertThat(tcp.isTcp()).isTrue();
    assertThat(tcp.isIpv6()).isTrue();
    assertThat(tcp.src()).isEqualTo("fd00:172:56::1");
    assertThat(tcp.srcPort()).isEqualTo(41234);
    assertThat(tcp.dst()).isEqualTo("fd00:172:56::233");
    assertThat(tcp.dstPort()).isEqualTo(8080);
    Packet na =
        Packet.parse(
                "1795697757.000002 00:00:00:00:01:50 > 26:07:a3:8c:aa:9f, ethertype IPv6 (0x86dd),"
                    + " length 86: fd00:172:56::250 > fd00:172:56::1: ICMP6, neighbor"
                    + " advertisement, tgt is fd00:172:56::250, length 32")
            .orElseThrow();
    assertThat(na.isIcmp()).isTrue();
    assertThat(na.srcMac()).isEqualTo("00:00:00:00:01:50");
    assertThat(na.dst()).isEqualTo("fd00:172:56::1");
    assertThat(na.dstPort()).isEqualTo(-1);
    assertThat(na.text()).startsWith("ICMP6, neighbor advertisement, tgt is fd00:172:56::250,");
    Packet ns =
        Packet.parse(
                "1795697757.000003 26:07:a3:8c:aa:9f > 33:33:ff:00:02:50, ethertype IPv6 (0x86dd),"
                    + " length 86: fe80::2407:a3ff:fe8c:aa9f > ff02::1:ff00:250: ICMP6, neighbor"
                    + " solicitation, who has fd00:172:56::250, length 32")
            .orElseThrow();
    assertThat(ns.dst()).isEqualTo("ff02::1:ff00:250");
    assertThat(ns.isIpv6()).isTrue();
  }

  @Test
  void arpLineKeepsItsText() {
    Packet arp =
        Packet.parse(
                "1795697757.100000 00:00:00:00:00:30 > 26:07:a3:8c:aa:9f, ethertype ARP (0x0806),"
                    + " length 42: Reply 172.56.0.250 is-at 00:00:00:00:00:30, length 28")
            .orElseThrow();
    assertThat(arp.isIp()).isFalse();
    assertThat(arp.text()).startsWith("Reply 172.56.0.250 is-at 00:00:00:00:00:30");
  }

  @Test
  void bannersAreNotPackets() {
    assertThat(Packet.parse("listening on ext0, link-type EN10MB (Ethernet)")).isEmpty();
    assertThat(Packet.parse("")).isEmpty();
  }
}

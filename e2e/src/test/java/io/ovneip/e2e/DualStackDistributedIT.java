package io.ovneip.e2e;

import static io.ovneip.e2e.DualStack.GW4;
import static io.ovneip.e2e.DualStack.GW6;
import static io.ovneip.e2e.Wire.answers;
import static io.ovneip.e2e.Wire.ping;
import static org.assertj.core.api.Assertions.assertThat;

import io.ovneip.testkit.dataplane.Capture;
import io.ovneip.testkit.dataplane.Packet;
import io.ovneip.testkit.dataplane.PodNetns;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * IPv6 and dual stack on the wire through the distributed gateway type (docs/behaviour.md §3, §7):
 * an IPv6 EIP row carries {@code logical_port} and {@code external_mac}, so the pod's chassis
 * answers neighbour solicitations for the EIP with the pod's MAC, as it answers ARP for an IPv4
 * one. One stack for all.
 */
class DualStackDistributedIT {
  static E2eStack stack;
  static DualStack ds;

  @BeforeAll
  static void up() {
    Map<String, String> config = new java.util.HashMap<>(E2eStack.dualStackConfig());
    config.put("type", "distributed");
    config.remove("external-gw-nodes"); // distributed: every node with a chassis is a gateway
    stack = E2eStack.start(config, true);
    ds = new DualStack(stack);
  }

  @AfterAll
  static void down() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void ipv6EipAnswersNeighbourDiscoveryWithThePodsMacAndCarriesTrafficBothWays() {
    PodNetns pod = ds.pod("d6-eip", 0x50, Map.of(Kube.EIP, "fd00:172:56::250"));
    String mac = pod.spec().mac();
    try (Capture wire = Capture.start(ds.outside, "ext0", "")) {
      stack.awaitApplied("d6-eip");
      assertThat(
              stack.ovn.nbctl(
                  "--bare",
                  "--columns=logical_port,external_mac",
                  "find",
                  "NAT",
                  "external_ip=\"fd00:172:56::250\""))
          .contains("d6-eip.default")
          .contains(mac);

      answers("ping to the distributed IPv6 EIP", ping(ds.outside, "fd00:172:56::250"));
      assertThat(wire.await(p -> neighbourAdvert(p, "fd00:172:56::250"), Wire.ANSWER))
          .as("a neighbour advertisement for the EIP")
          .hasValueSatisfying(p -> assertThat(p.srcMac()).isEqualTo(mac));
      assertThat(
              ds.outside.check(
                  Duration.ofSeconds(5), "ip", "-6", "neigh", "show", "fd00:172:56::250"))
          .contains("lladdr " + mac);

      ds.eipBothWays(pod, pod.spec().ip6(), "fd00:172:56::250", GW6, 20201);
      assertThat(Wire.leaks(wire)).isEmpty();
    } finally {
      stack.deletePod(pod);
    }
  }

  @Test
  void dualStackEipPairAndSnatWorkBothFamiliesAndFollowChangeAndDelete() {
    PodNetns eip = ds.pod("d-eip", 0x51, Map.of(Kube.EIP, "172.56.0.241,fd00:172:56::241"));
    PodNetns snat = ds.pod("d-snat", 0x52, Map.of(Kube.SNAT, "172.56.0.242,fd00:172:56::242"));
    try (Capture wire = Capture.start(ds.outside, "ext0", "")) {
      stack.awaitApplied("d-eip");
      stack.awaitApplied("d-snat");
      ds.eipBothWays(eip, eip.spec().ip(), "172.56.0.241", GW4, 20211);
      ds.eipBothWays(eip, eip.spec().ip6(), "fd00:172:56::241", GW6, 20213);
      ds.snatOutboundOnly(snat, "172.56.0.242", GW4, wire, 20221);
      ds.snatOutboundOnly(snat, "fd00:172:56::242", GW6, wire, 20223);

      stack.kube.annotate("d-eip", Kube.EIP, "172.56.0.243,fd00:172:56::243");
      stack.awaitApplied("d-eip");
      ds.eipBothWays(eip, eip.spec().ip6(), "fd00:172:56::243", GW6, 20231);
      ds.eipBothWays(eip, eip.spec().ip(), "172.56.0.243", GW4, 20233);
      ds.unreachable(eip, eip.spec().ip6(), "fd00:172:56::241", 20235);

      stack.deletePodObject("d-eip");
      ds.unreachable(eip, eip.spec().ip6(), "fd00:172:56::243", 20241);
      ds.unreachable(eip, eip.spec().ip(), "172.56.0.243", 20241);
      assertThat(Wire.leaks(wire)).isEmpty();
    } finally {
      stack.deletePod(eip);
      stack.deletePod(snat);
    }
  }

  /** tcpdump: {@code "ICMP6, neighbor advertisement, tgt is fd00:172:56::250, length 32"}. */
  private static boolean neighbourAdvert(Packet p, String target) {
    return p.text().contains("neighbor advertisement, tgt is " + target + ",");
  }
}

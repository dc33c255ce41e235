package io.ovneip.e2e;

import static io.ovneip.e2e.DualStack.GW4;
import static io.ovneip.e2e.DualStack.GW6;
import static io.ovneip.e2e.Wire.answers;
import static org.assertj.core.api.Assertions.assertThat;

import io.ovneip.testkit.dataplane.Capture;
import io.ovneip.testkit.dataplane.PodNetns;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * IPv6 and dual stack on the wire through a centralized gateway (docs/behaviour.md §2.3, §3, §7):
 * the ConfigMap's {@code v4,v6} pairs, IPv6-only SNAT and EIP addresses of a dual-stack pod, and
 * {@code v4,v6} pairs that bind both families at once, changed and deleted. One stack for all.
 */
class DualStackCentralizedIT {
  static E2eStack stack;
  static DualStack ds;

  @BeforeAll
  static void up() {
    stack = E2eStack.start(E2eStack.dualStackConfig(), true);
    ds = new DualStack(stack);
  }

  @AfterAll
  static void down() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void ipv6OnlySnatAndEipWorkOnTheWireAndTheIpv4HalfGetsNothing() {
    PodNetns snat = ds.pod("v6-snat", 0x40, Map.of(Kube.SNAT, "fd00:172:56::200"));
    PodNetns eip = ds.pod("v6-eip", 0x41, Map.of(Kube.EIP, "fd00:172:56::233"));
    try (Capture wire = Capture.start(ds.outside, "ext0", "")) {
      stack.awaitApplied("v6-snat");
      stack.awaitApplied("v6-eip");
      assertThat(ds.natRows("v6-snat")).as("one NAT row: IPv6 only").isEqualTo(1);
      assertThat(ds.natRows("v6-eip")).as("one NAT row: IPv6 only").isEqualTo(1);

      ds.snatOutboundOnly(snat, "fd00:172:56::200", GW6, wire, 20101);
      ds.eipBothWays(eip, eip.spec().ip6(), "fd00:172:56::233", GW6, 20111);
      // Neighbour discovery through OVN: the gateway port answers for the EIP with its MAC.
      assertThat(
              ds.outside.check(
                  Duration.ofSeconds(5), "ip", "-6", "neigh", "show", "fd00:172:56::233"))
          .contains("lladdr " + E2eStack.SEED_CONFIG.get("nic-mac"));
      // Fragments (3000-byte echoes over a 1500-byte MTU) are reassembled and NATed both ways.
      answers("fragmented ping to the EIP", Wire.bigPing(ds.outside, "fd00:172:56::233", 3000));
      answers("fragmented ping from the SNAT pod", Wire.bigPing(snat.netns(), GW6, 3000));
      assertThat(Wire.leaks(wire)).isEmpty();
    } finally {
      stack.deletePod(snat);
      stack.deletePod(eip);
    }
  }

  @Test
  void dualStackPairsBindBothFamiliesAtOnceAndFollowChangeAndDelete() {
    PodNetns eip = ds.pod("ds-eip", 0x42, Map.of(Kube.EIP, "172.56.0.234,fd00:172:56::234"));
    PodNetns snat = ds.pod("ds-snat", 0x43, Map.of(Kube.SNAT, "172.56.0.201,fd00:172:56::201"));
    try (Capture wire = Capture.start(ds.outside, "ext0", "")) {
      stack.awaitApplied("ds-eip");
      stack.awaitApplied("ds-snat");
      assertThat(ds.natRows("ds-eip")).as("one NAT row per family").isEqualTo(2);

      ds.eipBothWays(eip, eip.spec().ip(), "172.56.0.234", GW4, 20121);
      ds.eipBothWays(eip, eip.spec().ip6(), "fd00:172:56::234", GW6, 20123);
      ds.snatOutboundOnly(snat, "172.56.0.201", GW4, wire, 20131);
      ds.snatOutboundOnly(snat, "fd00:172:56::201", GW6, wire, 20133);

      // Change: both families move, the old addresses go dark (docs/behaviour.md §4.4).
      stack.kube.annotate("ds-eip", Kube.EIP, "172.56.0.235,fd00:172:56::235");
      stack.kube.annotate("ds-snat", Kube.SNAT, "fd00:172:56::202");
      stack.awaitApplied("ds-eip");
      stack.awaitApplied("ds-snat");
      ds.eipBothWays(eip, eip.spec().ip6(), "fd00:172:56::235", GW6, 20141);
      ds.eipBothWays(eip, eip.spec().ip(), "172.56.0.235", GW4, 20143);
      ds.unreachable(eip, eip.spec().ip6(), "fd00:172:56::234", 20145);
      ds.unreachable(eip, eip.spec().ip(), "172.56.0.234", 20145);
      ds.snatOutboundOnly(snat, "fd00:172:56::202", GW6, wire, 20151);

      // Delete: the Pod object goes (its namespace stays, as while a pod terminates), every row
      // goes, both EIPs go dark.
      stack.deletePodObject("ds-eip");
      ds.unreachable(eip, eip.spec().ip6(), "fd00:172:56::235", 20161);
      ds.unreachable(eip, eip.spec().ip(), "172.56.0.235", 20161);
      assertThat(Wire.leaks(wire)).isEmpty();
    } finally {
      stack.deletePod(eip);
      stack.deletePod(snat);
    }
  }
}

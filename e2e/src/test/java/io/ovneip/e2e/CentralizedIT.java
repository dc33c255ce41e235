package io.ovneip.e2e;

import static io.ovneip.e2e.Wire.answers;
import static io.ovneip.e2e.Wire.ping;
import static io.ovneip.e2e.Wire.silent;
import static io.ovneip.e2e.Wire.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import io.ovneip.testkit.dataplane.Capture;
import io.ovneip.testkit.dataplane.Netns;
import io.ovneip.testkit.dataplane.PodNetns;
import io.ovneip.testkit.dataplane.Probes;
import io.ovneip.testkit.dataplane.Probes.TcpServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed's SNAT and EIP pods on a centralized gateway, checked on the wire (docs/behaviour.md §3,
 * §7).
 */
class CentralizedIT {
  static E2eStack stack;

  @BeforeAll
  static void up() {
    stack = E2eStack.start(E2eStack.SEED_CONFIG);
  }

  @AfterAll
  static void down() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void snatPodReachesTheOutsideFromTheSnatAddressOverTcpAndUdpAndNothingLeaks() {
    Netns outside = stack.dataplane.outside().netns();
    String gw = stack.dataplane.outside().ip();
    PodNetns pod =
        stack.pod("snat-pod", "10.16.0.2", "00:00:00:00:00:02", Map.of(Kube.SNAT, "172.56.0.200"));
    try (Capture wire = Capture.start(outside, "ext0", "");
        TcpServer server = Probes.listen(outside, gw, 20001);
        TcpServer podServer = Probes.listen(pod.netns(), pod.ip(), 8080)) {
      stack.awaitApplied("snat-pod");

      answers("TCP from the SNAT pod to the outside", tcp(pod.netns(), gw, 20001));
      assertThat(server.awaitPeers(Wire.ANSWER)).isNotEmpty().containsOnly("172.56.0.200");
      assertThat(Wire.udpSource(pod.netns(), wire, gw, 20002)).isEqualTo("172.56.0.200");
      assertThat(Probes.ping(pod.netns(), gw, Wire.PROBE)).as("ICMP from the SNAT pod").isTrue();

      // SNAT is outbound only: the address answers no ping and no connection.
      assertThat(Probes.ping(outside, "172.56.0.200", Wire.PROBE)).isFalse();
      assertThat(Probes.tcpConnect(outside, "172.56.0.200", 8080, Wire.PROBE)).isFalse();
      assertThat(podServer.peers()).isEmpty();
      assertThat(Wire.leaks(wire)).isEmpty();
    } finally {
      stack.deletePod(pod);
    }
  }

  @Test
  void eipPodIsReachableOnItsEipAndItsOwnTrafficLeavesFromIt() {
    Netns outside = stack.dataplane.outside().netns();
    String gw = stack.dataplane.outside().ip();
    PodNetns pod =
        stack.pod("eip-pod", "10.16.0.3", "00:00:00:00:00:03", Map.of(Kube.EIP, "172.56.0.233"));
    try (Capture wire = Capture.start(outside, "ext0", "");
        TcpServer server = Probes.listen(outside, gw, 20011);
        TcpServer podServer = Probes.listen(pod.netns(), pod.ip(), 8080)) {
      stack.awaitApplied("eip-pod");

      answers("ping from the outside to the EIP", ping(outside, "172.56.0.233"));
      answers("TCP from the outside to the EIP", tcp(outside, "172.56.0.233", 8080));
      // DNAT only on the way in: the pod sees the outside host's own address.
      assertThat(podServer.awaitPeers(Wire.ANSWER)).isNotEmpty().containsOnly(gw);

      answers("TCP from the EIP pod to the outside", tcp(pod.netns(), gw, 20011));
      assertThat(server.awaitPeers(Wire.ANSWER)).isNotEmpty().containsOnly("172.56.0.233");
      assertThat(Wire.udpSource(pod.netns(), wire, gw, 20012)).isEqualTo("172.56.0.233");
      assertThat(Wire.leaks(wire)).isEmpty();
    } finally {
      stack.deletePod(pod);
    }
  }

  @Test
  void theSeedsEipChangeMovesTheAddressOnTheWireWithAndWithoutRemovingRouted() {
    PodNetns pod =
        stack.pod("gw-pod", "10.16.0.4", "00:00:00:00:00:04", Map.of(Kube.EIP, "172.56.0.221"));
    Netns outside = stack.dataplane.outside().netns();
    String gw = stack.dataplane.outside().ip();
    try (Capture wire = Capture.start(outside, "ext0", "");
        TcpServer podServer = Probes.listen(pod.netns(), pod.ip(), 8080)) {
      stack.awaitApplied("gw-pod");
      answers("ping to the first EIP", ping(outside, "172.56.0.221"));

      // The seed's steps: annotate eip --overwrite, then routed- by hand.
      long withRoutedRemoved = change(pod, wire, "172.56.0.221", "172.56.0.222", true, 20021);
      // Without the manual step: level-triggered on eip alone (docs/behaviour.md §5).
      long withoutRemoving = change(pod, wire, "172.56.0.222", "172.56.0.223", false, 20022);

      System.out.printf(
          "E2E-TIMING eip change, annotation to first packet from the new EIP: "
              + "%d ms (with routed- by hand), %d ms (annotation only)%n",
          withRoutedRemoved, withoutRemoving);
      assertThat(podServer.peers()).as("inbound connections, all DNAT only").containsOnly(gw);
      assertThat(Wire.leaks(wire)).isEmpty();
    } finally {
      stack.deletePod(pod);
    }
  }

  /**
   * Changes the pod's EIP and returns the milliseconds to the first packet from the new address
   * (see {@link Wire#millisToFirstPacketFrom}). Then the new address must answer and the old one
   * must not, for new flows.
   */
  private long change(
      PodNetns pod, Capture wire, String old, String next, boolean removeRouted, int port) {
    Netns outside = stack.dataplane.outside().netns();
    String gw = stack.dataplane.outside().ip();
    long millis =
        Wire.millisToFirstPacketFrom(
            pod.netns(),
            wire,
            gw,
            port,
            old,
            next,
            () -> {
              stack.kube.annotate("gw-pod", Kube.EIP, next);
              if (removeRouted) {
                stack.kube.removeAnnotation("gw-pod", Kube.ROUTED);
              }
            });
    stack.awaitApplied("gw-pod");
    answers("ping to the new EIP " + next, ping(outside, next));
    answers("TCP to the new EIP " + next, tcp(outside, next, 8080));
    silent("ping to the old EIP " + old, ping(outside, old));
    silent("TCP to the old EIP " + old, tcp(outside, old, 8080));
    return millis;
  }
}

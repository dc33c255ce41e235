package io.ovneip.e2e;

import static io.ovneip.e2e.Wire.answers;
import static io.ovneip.e2e.Wire.ping;
import static io.ovneip.e2e.Wire.silent;
import static io.ovneip.e2e.Wire.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import io.ovneip.testkit.dataplane.Capture;
import io.ovneip.testkit.dataplane.Netns;
import io.ovneip.testkit.dataplane.Packet;
import io.ovneip.testkit.dataplane.PodNetns;
import io.ovneip.testkit.dataplane.Probes;
import io.ovneip.testkit.dataplane.Probes.TcpServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The distributed gateway type: EIP rows carry {@code logical_port} and {@code external_mac} (the
 * pod's MAC), so the pod's own chassis answers for the EIP, ARP included (docs/behaviour.md §3,
 * §7).
 */
class DistributedIT {
  static E2eStack stack;
  static Netns outside;
  static String gw;

  @BeforeAll
  static void up() {
    Map<String, String> config = new HashMap<>(E2eStack.SEED_CONFIG);
    config.put("type", "distributed");
    config.remove("external-gw-nodes"); // distributed: every node with a chassis is a gateway
    stack = E2eStack.start(config);
    outside = stack.dataplane.outside().netns();
    gw = stack.dataplane.outside().ip();
  }

  @AfterAll
  static void down() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void distributedEipAnswersArpWithThePodsMacAndCarriesTrafficBothWays() {
    String mac = "00:00:00:00:00:30";
    PodNetns pod = stack.pod("dist-eip", "10.16.0.30", mac, Map.of(Kube.EIP, "172.56.0.250"));
    try (Capture wire = Capture.start(outside, "ext0", "");
        TcpServer podServer = Probes.listen(pod.netns(), pod.ip(), 8080);
        TcpServer outsideServer = Probes.listen(outside, gw, 20071)) {
      stack.awaitApplied("dist-eip");
      assertThat(
              stack.ovn.nbctl(
                  "--bare",
                  "--columns=logical_port,external_mac",
                  "find",
                  "NAT",
                  "external_ip=172.56.0.250"))
          .contains("dist-eip.default")
          .contains(mac);

      answers("ping to the distributed EIP", ping(outside, "172.56.0.250"));
      assertThat(wire.await(p -> arpReply(p, "172.56.0.250"), Wire.ANSWER))
          .as("an ARP reply for the EIP")
          .hasValueSatisfying(p -> assertThat(p.text()).contains("is-at " + mac));
      assertThat(outside.check(Duration.ofSeconds(5), "ip", "neigh", "show", "172.56.0.250"))
          .contains("lladdr " + mac);

      answers("TCP to the distributed EIP", tcp(outside, "172.56.0.250", 8080));
      assertThat(podServer.awaitPeers(Wire.ANSWER)).containsOnly(gw);
      answers("TCP from the distributed EIP pod", tcp(pod.netns(), gw, 20071));
      assertThat(outsideServer.awaitPeers(Wire.ANSWER)).containsOnly("172.56.0.250");
      assertThat(Wire.udpSource(pod.netns(), wire, gw, 20072)).isEqualTo("172.56.0.250");
      assertThat(Wire.leaks(wire)).isEmpty();
    } finally {
      stack.deletePod(pod);
    }
  }

  @Test
  void distributedEipChangeMovesTheAddressAndSnatStillWorks() {
    PodNetns eip =
        stack.pod("dist-move", "10.16.0.31", "00:00:00:00:00:31", Map.of(Kube.EIP, "172.56.0.251"));
    PodNetns snat =
        stack.pod(
            "dist-snat", "10.16.0.32", "00:00:00:00:00:32", Map.of(Kube.SNAT, "172.56.0.252"));
    try (Capture wire = Capture.start(outside, "ext0", "");
        TcpServer podServer = Probes.listen(eip.netns(), eip.ip(), 8080);
        TcpServer outsideServer = Probes.listen(outside, gw, 20081)) {
      stack.awaitApplied("dist-move");
      stack.awaitApplied("dist-snat");
      answers("TCP to the first EIP", tcp(outside, "172.56.0.251", 8080));

      long millis =
          Wire.millisToFirstPacketFrom(
              eip.netns(),
              wire,
              gw,
              20082,
              "172.56.0.251",
              "172.56.0.253",
              () -> stack.kube.annotate("dist-move", Kube.EIP, "172.56.0.253"));
      System.out.printf(
          "E2E-TIMING distributed eip change, annotation to first packet from the new EIP: %d ms%n",
          millis);
      answers("ping to the new EIP", ping(outside, "172.56.0.253"));
      answers("TCP to the new EIP", tcp(outside, "172.56.0.253", 8080));
      silent("TCP to the old EIP", tcp(outside, "172.56.0.251", 8080));
      assertThat(podServer.peers()).containsOnly(gw);

      answers("TCP from the SNAT pod", tcp(snat.netns(), gw, 20081));
      assertThat(outsideServer.awaitPeers(Wire.ANSWER)).containsOnly("172.56.0.252");
      assertThat(Probes.ping(outside, "172.56.0.252", Wire.PROBE)).isFalse();
      assertThat(Wire.leaks(wire)).isEmpty();
    } finally {
      stack.deletePod(eip);
      stack.deletePod(snat);
    }
  }

  private static boolean arpReply(Packet p, String ip) {
    return p.text().startsWith("Reply " + ip + " is-at");
  }
}

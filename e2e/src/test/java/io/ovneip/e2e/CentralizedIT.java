package io.ovneip.e2e;

import static io.ovneip.e2e.Wire.answers;
import static io.ovneip.e2e.Wire.ping;
import static io.ovneip.e2e.Wire.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.ovneip.testkit.dataplane.Capture;
import io.ovneip.testkit.dataplane.Netns;
import io.ovneip.testkit.dataplane.PodNetns;
import io.ovneip.testkit.dataplane.Probes;
import io.ovneip.testkit.dataplane.Probes.TcpServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seed's SNAT and EIP pods on a centralized gateway, checked on the wire (spec §3, §7). */
@EnableKubernetesMockClient(crud = true)
class CentralizedIT {
  static KubernetesClient client;
  static E2eStack stack;

  @BeforeAll
  static void up() {
    stack = E2eStack.start(client, E2eStack.SEED_CONFIG);
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
      stack.awaitRouted("snat-pod");

      answers("TCP from the SNAT pod to the outside", tcp(pod.netns(), gw, 20001));
      assertThat(server.peers()).isNotEmpty().containsOnly("172.56.0.200");
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
      stack.awaitRouted("eip-pod");

      answers("ping from the outside to the EIP", ping(outside, "172.56.0.233"));
      answers("TCP from the outside to the EIP", tcp(outside, "172.56.0.233", 8080));
      // DNAT only on the way in: the pod sees the outside host's own address.
      assertThat(podServer.peers()).isNotEmpty().containsOnly(gw);

      answers("TCP from the EIP pod to the outside", tcp(pod.netns(), gw, 20011));
      assertThat(server.peers()).isNotEmpty().containsOnly("172.56.0.233");
      assertThat(Wire.udpSource(pod.netns(), wire, gw, 20012)).isEqualTo("172.56.0.233");
      assertThat(Wire.leaks(wire)).isEmpty();
    } finally {
      stack.deletePod(pod);
    }
  }
}

package io.ovneip.e2e;

import static io.ovneip.e2e.Wire.answers;
import static io.ovneip.e2e.Wire.ping;
import static io.ovneip.e2e.Wire.tcp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ovneip.testkit.dataplane.Capture;
import io.ovneip.testkit.dataplane.ClusterNode;
import io.ovneip.testkit.dataplane.Netns;
import io.ovneip.testkit.dataplane.Packet;
import io.ovneip.testkit.dataplane.PodNetns;
import io.ovneip.testkit.dataplane.Probes;
import io.ovneip.testkit.dataplane.Probes.TcpServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Distributed EIPs on three real chassis (docs/behaviour.md §3, §7): the NAT row names the pod's
 * port and MAC, so the pod's own chassis answers for its EIP and its traffic enters and leaves
 * through that node's NIC, with the pod's MAC, never crossing a tunnel to another node.
 */
class ClusterDistributedIT {
  static ClusterStack stack;
  static Netns outside;
  static String gw;

  @BeforeAll
  static void up() {
    Map<String, String> config = new HashMap<>(ClusterStack.CENTRALIZED);
    config.put("type", "distributed");
    config.remove("external-gw-nodes"); // distributed: every node with a chassis is a gateway
    stack =
        ClusterStack.start(
            config, List.of(ClusterStack.NODE1, ClusterStack.NODE2, ClusterStack.NODE3));
    outside = stack.cluster.outside().netns();
    gw = stack.cluster.outside().ip();
  }

  @AfterAll
  static void down() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void eipPodsOnTwoNodesUseTheirOwnNodesNicWithTheirOwnMac() {
    PodNetns a =
        stack.pod(
            ClusterStack.NODE2,
            "dist-a",
            "10.16.0.40",
            "00:00:00:00:00:40",
            Map.of(Kube.EIP, "172.56.0.240"));
    PodNetns b =
        stack.pod(
            ClusterStack.NODE3,
            "dist-b",
            "10.16.0.41",
            "00:00:00:00:00:41",
            Map.of(Kube.EIP, "172.56.0.241"));
    try {
      stack.awaitApplied("dist-a");
      stack.awaitApplied("dist-b");
      check(a, ClusterStack.NODE2, "172.56.0.240", 20071);
      check(b, ClusterStack.NODE3, "172.56.0.241", 20072);
    } finally {
      stack.deletePod(a);
      stack.deletePod(b);
    }
  }

  /**
   * The pod's EIP answers ARP with the pod's MAC, and its traffic both ways is on its own node's
   * NIC (source MAC = the pod's MAC on the way out), on no other node's NIC.
   */
  private void check(PodNetns pod, String node, String eip, int port) {
    String mac = pod.spec().mac();
    Netns fabric = stack.cluster.fabric();
    List<ClusterNode> others =
        stack.cluster.nodes().stream().filter(n -> !n.name().equals(node)).toList();
    try (Capture wire = Capture.start(outside, "ext0", "");
        Capture own = Capture.start(fabric, stack.cluster.node(node).fabricNic(), "ip");
        Capture other0 = Capture.start(fabric, others.get(0).fabricNic(), "ip");
        Capture other1 = Capture.start(fabric, others.get(1).fabricNic(), "ip");
        TcpServer podServer = Probes.listen(pod.netns(), pod.ip(), 8080);
        TcpServer outsideServer = Probes.listen(outside, gw, port)) {
      answers("ping to " + eip, ping(outside, eip));
      assertThat(wire.await(p -> p.text().startsWith("Reply " + eip + " is-at"), Wire.ANSWER))
          .as("an ARP reply for " + eip)
          .hasValueSatisfying(p -> assertThat(p.text()).contains("is-at " + mac));
      answers("TCP to " + eip, tcp(outside, eip, 8080));
      assertThat(podServer.awaitPeers(Wire.ANSWER)).containsOnly(gw);
      answers("TCP from the pod on " + node, tcp(pod.netns(), gw, port));
      assertThat(outsideServer.awaitPeers(Wire.ANSWER)).containsOnly(eip);

      await("the EIP's packets on " + node + "'s NIC")
          .atMost(Wire.ANSWER)
          .until(() -> !own.packets(p -> fromEip(p, eip)).isEmpty());
      assertThat(own.packets(p -> fromEip(p, eip)))
          .as("out through its own node's NIC with the pod's MAC")
          .allSatisfy(p -> assertThat(p.srcMac()).isEqualTo(mac));
      assertThat(own.packets(p -> p.isIp() && p.dst().equals(eip)))
          .as("in through its own node's NIC")
          .isNotEmpty();
      assertThat(other0.packets(p -> fromEip(p, eip)))
          .as("not on " + others.get(0).name())
          .isEmpty();
      assertThat(other1.packets(p -> fromEip(p, eip)))
          .as("not on " + others.get(1).name())
          .isEmpty();
      assertThat(Wire.leaks(wire)).isEmpty();
    }
  }

  private static boolean fromEip(Packet p, String eip) {
    return p.isIp() && p.src().equals(eip);
  }
}

package io.ovneip.e2e;

import static io.ovneip.e2e.Wire.answers;
import static io.ovneip.e2e.Wire.ping;
import static io.ovneip.e2e.Wire.silent;
import static io.ovneip.e2e.Wire.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import io.ovneip.testkit.dataplane.Capture;
import io.ovneip.testkit.dataplane.Netns;
import io.ovneip.testkit.dataplane.PodNetns;
import io.ovneip.testkit.dataplane.PodSpec;
import io.ovneip.testkit.dataplane.Probes;
import io.ovneip.testkit.dataplane.Probes.TcpServer;
import java.util.Map;

/**
 * The checks both dual-stack classes run on their stack (centralized and distributed gateway):
 * every pod is dual-stack (10.16.0.N and fd00:10:16::N), the outside host holds 172.56.0.1 and
 * fd00:172:56::1, and has no route back to either pod network, so any answer proves NAT.
 */
final class DualStack {
  static final String GW6 = "fd00:172:56::1";
  static final String GW4 = "172.56.0.1";

  private final E2eStack stack;
  final Netns outside;

  DualStack(E2eStack stack) {
    this.stack = stack;
    this.outside = stack.dataplane.outside().netns();
  }

  /** A dual-stack pod {@code 10.16.0.n}, {@code fd00:10:16::n}, MAC {@code 00:00:00:00:00:nn}. */
  PodNetns pod(String name, int n, Map<String, String> annotations) {
    String hex = String.format("%02x", n);
    return stack.pod(
        PodSpec.dualStackOnDefaultSubnet(
            Kube.NS, name, "00:00:00:00:01:" + hex, "10.16.0." + n, "fd00:10:16::" + hex),
        annotations);
  }

  /**
   * An EIP pod's address of one family, both ways: the outside reaches {@code eip} (ICMP echo and
   * TCP) and the pod sees the outside host's own address (DNAT only); the pod's own TCP leaves from
   * {@code eip}. {@code port} and {@code port + 1} are used on the outside host.
   */
  void eipBothWays(PodNetns pod, String podIp, String eip, String outsideIp, int port) {
    try (TcpServer podServer = Probes.listen(pod.netns(), podIp, port);
        TcpServer server = Probes.listen(outside, outsideIp, port + 1)) {
      answers("ping from the outside to " + eip, ping(outside, eip));
      answers("TCP from the outside to " + eip, tcp(outside, eip, port));
      assertThat(podServer.awaitPeers(Wire.ANSWER)).isNotEmpty().containsOnly(outsideIp);
      answers(
          "TCP from " + pod.spec().name() + " to " + outsideIp,
          tcp(pod.netns(), outsideIp, port + 1));
      assertThat(server.awaitPeers(Wire.ANSWER)).isNotEmpty().containsOnly(eip);
      answers("ping from " + pod.spec().name() + " to " + outsideIp, ping(pod.netns(), outsideIp));
    }
  }

  /**
   * A SNAT pod's address of one family: its TCP and ICMP reach the outside from {@code snat}; the
   * address itself answers nothing from the outside (SNAT is outbound only).
   */
  void snatOutboundOnly(PodNetns pod, String snat, String outsideIp, Capture wire, int port) {
    try (TcpServer server = Probes.listen(outside, outsideIp, port)) {
      answers(
          "TCP from " + pod.spec().name() + " to " + outsideIp, tcp(pod.netns(), outsideIp, port));
      assertThat(server.awaitPeers(Wire.ANSWER)).isNotEmpty().containsOnly(snat);
      assertThat(Wire.udpSource(pod.netns(), wire, outsideIp, port + 1)).isEqualTo(snat);
      answers("ping from " + pod.spec().name() + " to " + outsideIp, ping(pod.netns(), outsideIp));
      assertThat(Probes.ping(outside, snat, Wire.PROBE)).as("ping to the SNAT address").isFalse();
      assertThat(Probes.tcpConnect(outside, snat, port, Wire.PROBE))
          .as("TCP to the SNAT address")
          .isFalse();
    }
  }

  /**
   * Neither ICMP echo nor TCP reaches {@code address} from the outside (any more), while the pod
   * listens on {@code podIp:port} (so a refused connection is the network's doing, not a missing
   * listener's), and no connection reached the pod.
   */
  void unreachable(PodNetns pod, String podIp, String address, int port) {
    try (TcpServer podServer = Probes.listen(pod.netns(), podIp, port)) {
      silent("ping to " + address, ping(outside, address));
      silent("TCP to " + address, tcp(outside, address, port));
      assertThat(podServer.peers()).as("connections that reached the pod").isEmpty();
    }
  }

  /** How many NAT rows ovn-eip owns for the pod. */
  int natRows(String pod) {
    return stack.ovn.ownedRows("NAT", "pod/" + Kube.NS + "/" + pod);
  }
}

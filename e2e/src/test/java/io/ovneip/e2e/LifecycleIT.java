package io.ovneip.e2e;

import static io.ovneip.e2e.Wire.answers;
import static io.ovneip.e2e.Wire.ping;
import static io.ovneip.e2e.Wire.silent;
import static io.ovneip.e2e.Wire.tcp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ovneip.testkit.dataplane.Capture;
import io.ovneip.testkit.dataplane.Netns;
import io.ovneip.testkit.dataplane.PodNetns;
import io.ovneip.testkit.dataplane.Probes;
import io.ovneip.testkit.dataplane.Probes.TcpServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pod deletion, gateway disable/enable and an EIP conflict, on the wire (docs/behaviour.md
 * §4.3-§4.5).
 */
class LifecycleIT {
  static E2eStack stack;
  static Netns outside;
  static String gw;

  @BeforeAll
  static void up() {
    stack = E2eStack.start(E2eStack.SEED_CONFIG);
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
  void deletingThePodSilencesItsAddressesAndLeavesNoRow() {
    PodNetns eip =
        stack.pod("del-eip", "10.16.0.10", "00:00:00:00:00:10", Map.of(Kube.EIP, "172.56.0.240"));
    PodNetns snat =
        stack.pod("del-snat", "10.16.0.11", "00:00:00:00:00:11", Map.of(Kube.SNAT, "172.56.0.241"));
    try (TcpServer eipServer = Probes.listen(eip.netns(), eip.ip(), 8080);
        TcpServer outsideServer = Probes.listen(outside, gw, 20041)) {
      stack.awaitApplied("del-eip");
      stack.awaitApplied("del-snat");
      answers("TCP to the EIP", tcp(outside, "172.56.0.240", 8080));
      assertThat(eipServer.awaitPeers(Wire.ANSWER)).containsOnly(gw);
      answers("TCP from the SNAT pod", tcp(snat.netns(), gw, 20041));
      assertThat(outsideServer.awaitPeers(Wire.ANSWER)).containsOnly("172.56.0.241");

      // The Pod objects go; their namespaces stay a moment longer, as while a kubelet tears down.
      stack.deletePodObject("del-eip");
      stack.deletePodObject("del-snat");
      assertThat(stack.ovn.nbctl("lr-nat-list", "ovn-cluster"))
          .doesNotContain("172.56.0.240")
          .doesNotContain("172.56.0.241");
      assertThat(stack.ovn.nbctl("lr-policy-list", "ovn-cluster"))
          .doesNotContain("10.16.0.10")
          .doesNotContain("10.16.0.11");

      try (Capture wire = Capture.start(outside, "ext0", "")) {
        silent("ping to the deleted pod's EIP", ping(outside, "172.56.0.240"));
        silent("TCP to the deleted pod's EIP", tcp(outside, "172.56.0.240", 8080));
        int before = outsideServer.peers().size();
        silent("TCP from the deleted SNAT pod", tcp(snat.netns(), gw, 20041));
        silent("TCP from the deleted EIP pod", tcp(eip.netns(), gw, 20041));
        assertThat(outsideServer.peers()).hasSize(before);
        assertThat(
                wire.packets(p -> p.src().equals("172.56.0.240") || p.src().equals("172.56.0.241")))
            .as("nothing leaves from the deleted pods' addresses")
            .isEmpty();
      }
    } finally {
      stack.deletePod(eip);
      stack.deletePod(snat);
    }
  }

  @Test
  void disablingTheGatewayCutsTheOutsideOffAndEnablingRestoresItWithNoOtherAction() {
    PodNetns pod =
        stack.pod("toggle", "10.16.0.12", "00:00:00:00:00:12", Map.of(Kube.EIP, "172.56.0.242"));
    try (TcpServer podServer = Probes.listen(pod.netns(), pod.ip(), 8080);
        TcpServer outsideServer = Probes.listen(outside, gw, 20051)) {
      stack.awaitApplied("toggle");
      answers("ping to the EIP", ping(outside, "172.56.0.242"));

      Map<String, String> disabled = new HashMap<>(E2eStack.SEED_CONFIG);
      disabled.put("enable-external-gw", "false");
      stack.kube.configMap(disabled);
      // ovn-eip's own annotation goes; routed is never removed (docs/behaviour.md §5).
      await("applied cleared").atMost(E2eStack.WAIT).until(() -> !stack.kube.hasApplied("toggle"));
      silent("ping to the EIP of a disabled gateway", ping(outside, "172.56.0.242"));
      silent("TCP to the EIP of a disabled gateway", tcp(outside, "172.56.0.242", 8080));
      silent("TCP from the pod through a disabled gateway", tcp(pod.netns(), gw, 20051));
      await("the agent removes br-external")
          .atMost(E2eStack.WAIT)
          .until(() -> !stack.dataplane.vsctl("list-br").contains("br-external"));
      assertThat(stack.ovn.nbctl("lr-nat-list", "ovn-cluster")).doesNotContain("172.56.0.242");

      stack.kube.configMap(E2eStack.SEED_CONFIG);
      stack.awaitGateway();
      stack.awaitApplied("toggle");
      answers("ping to the EIP after enabling", ping(outside, "172.56.0.242"));
      answers("TCP to the EIP after enabling", tcp(outside, "172.56.0.242", 8080));
      answers("TCP from the pod after enabling", tcp(pod.netns(), gw, 20051));
      assertThat(outsideServer.awaitPeers(Wire.ANSWER)).containsOnly("172.56.0.242");
      assertThat(podServer.awaitPeers(Wire.ANSWER)).containsOnly(gw);
    } finally {
      stack.kube.configMap(E2eStack.SEED_CONFIG);
      stack.deletePod(pod);
    }
  }

  @Test
  void theLosingPodGetsNoAddressOnTheWireUntilTheWinnerIsDeleted() {
    PodNetns winner =
        stack.pod(
            "conflict-a", "10.16.0.20", "00:00:00:00:00:20", Map.of(Kube.EIP, "172.56.0.245"));
    stack.awaitApplied("conflict-a");
    PodNetns loser =
        stack.pod(
            "conflict-b", "10.16.0.21", "00:00:00:00:00:21", Map.of(Kube.EIP, "172.56.0.245"));
    try (Capture wire = Capture.start(outside, "ext0", "");
        TcpServer winnerServer = Probes.listen(winner.netns(), winner.ip(), 8080);
        TcpServer loserServer = Probes.listen(loser.netns(), loser.ip(), 8080)) {
      await("EIPConflict on the later pod")
          .atMost(E2eStack.WAIT)
          .until(() -> !stack.kube.events("conflict-b", "EIPConflict").isEmpty());
      assertThat(stack.kube.routed("conflict-b")).isFalse();
      assertThat(stack.kube.hasApplied("conflict-b")).isFalse();
      stack.ovn.syncHv();

      answers("TCP to the contested EIP", tcp(outside, "172.56.0.245", 8080));
      assertThat(winnerServer.awaitPeers(Wire.ANSWER)).isNotEmpty();
      assertThat(loserServer.peers()).isEmpty();
      // The loser's own traffic is not translated: it leaves with its pod address (and, with no
      // route back, gets no answer); never with the contested EIP.
      assertThat(Wire.udpSource(loser.netns(), wire, gw, 20061)).isEqualTo("10.16.0.21");

      stack.deletePod(winner);
      stack.awaitApplied("conflict-b");
      answers("TCP to the EIP, now the loser's", tcp(outside, "172.56.0.245", 8080));
      assertThat(loserServer.awaitPeers(Wire.ANSWER)).containsOnly(gw);
      assertThat(Wire.udpSource(loser.netns(), wire, gw, 20062)).isEqualTo("172.56.0.245");
    } finally {
      stack.deletePod(winner);
      stack.deletePod(loser);
    }
  }
}

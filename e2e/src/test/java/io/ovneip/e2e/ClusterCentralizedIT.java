package io.ovneip.e2e;

import static io.ovneip.e2e.Wire.answers;
import static io.ovneip.e2e.Wire.ping;
import static io.ovneip.e2e.Wire.tcp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ovneip.testkit.dataplane.Background;
import io.ovneip.testkit.dataplane.Capture;
import io.ovneip.testkit.dataplane.ClusterNode;
import io.ovneip.testkit.dataplane.LossWindow;
import io.ovneip.testkit.dataplane.Netns;
import io.ovneip.testkit.dataplane.Packet;
import io.ovneip.testkit.dataplane.PodNetns;
import io.ovneip.testkit.dataplane.Probes;
import io.ovneip.testkit.dataplane.Probes.TcpServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A centralized gateway on three real chassis (docs/behaviour.md §3, §7): gateways node1 (priority
 * 100) and node2 (99), the EIP and SNAT pods on node3, which is not a gateway, so their traffic
 * crosses a Geneve tunnel to the active gateway. Then the active gateway crashes, and comes back.
 * One stack for every method, in order: the failover starts from the state the first one checked.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterCentralizedIT {
  static final String EIP = "172.56.0.233";
  static final String SNAT = "172.56.0.200";
  static ClusterStack stack;
  static Netns outside;
  static String gw;
  static PodNetns eipPod;
  static PodNetns snatPod;

  @BeforeAll
  static void up() {
    stack =
        ClusterStack.start(
            ClusterStack.CENTRALIZED, List.of(ClusterStack.NODE1, ClusterStack.NODE2));
    outside = stack.cluster.outside().netns();
    gw = stack.cluster.outside().ip();
    eipPod =
        stack.pod(
            ClusterStack.NODE3, "eip-pod", "10.16.0.2", "00:00:00:00:00:02", Map.of(Kube.EIP, EIP));
    snatPod =
        stack.pod(
            ClusterStack.NODE3,
            "snat-pod",
            "10.16.0.3",
            "00:00:00:00:00:03",
            Map.of(Kube.SNAT, SNAT));
    stack.awaitApplied("eip-pod");
    stack.awaitApplied("snat-pod");
  }

  @AfterAll
  static void down() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void podOnANonGatewayNodeReachesTheOutsideThroughTheTunnelToTheActiveGateway() {
    assertThat(stack.activeNode())
        .as("the highest priority holds the gateway port")
        .isEqualTo(ClusterStack.NODE1);
    ClusterNode node1 = stack.cluster.node(ClusterStack.NODE1);
    ClusterNode node3 = stack.cluster.node(ClusterStack.NODE3);
    Netns fabric = stack.cluster.fabric();
    try (Capture wire = Capture.start(outside, "ext0", "");
        Capture underlay = Capture.start(fabric, node3.fabricUnderlay(), "udp port 6081");
        Capture nic1 = Capture.start(fabric, node1.fabricNic(), "ip");
        Capture nic3 = Capture.start(fabric, node3.fabricNic(), "ip");
        TcpServer server = Probes.listen(outside, gw, 20001);
        TcpServer podServer = Probes.listen(eipPod.netns(), eipPod.ip(), 8080)) {
      answers("ping from the outside to the EIP", ping(outside, EIP));
      answers("TCP from the outside to the EIP", tcp(outside, EIP, 8080));
      assertThat(podServer.awaitPeers(Wire.ANSWER)).as("DNAT only").containsOnly(gw);

      answers("TCP from the EIP pod to the outside", tcp(eipPod.netns(), gw, 20001));
      answers("TCP from the SNAT pod to the outside", tcp(snatPod.netns(), gw, 20001));
      await("both connections logged").atMost(Wire.ANSWER).until(() -> server.peers().size() >= 2);
      assertThat(server.peers()).containsOnly(EIP, SNAT);
      assertThat(Wire.udpSource(snatPod.netns(), wire, gw, 20002)).isEqualTo(SNAT);

      // Through the tunnel: node3 <-> node1's encap address, Geneve carrying the pod's packets.
      List<Packet> geneve = underlay.packets(p -> p.dstPort() == 6081 || p.srcPort() == 6081);
      assertThat(geneve).as("Geneve between node3 and the active gateway").isNotEmpty();
      assertThat(geneve)
          .anySatisfy(
              p -> {
                assertThat(p.src()).isEqualTo(node3.encapIp());
                assertThat(p.dst()).isEqualTo(node1.encapIp());
              });
      assertThat(underlay.text())
          .as("the pod's own packet inside the tunnel")
          .contains(eipPod.ip());
      // On the external network through node1's NIC only; node3's NIC carries none of it.
      assertThat(nic1.packets(p -> p.isIp() && (p.src().equals(EIP) || p.src().equals(SNAT))))
          .isNotEmpty();
      assertThat(nic3.packets(p -> p.isIp() && (p.src().equals(EIP) || p.src().equals(SNAT))))
          .isEmpty();
      assertThat(Wire.leaks(wire)).isEmpty();
    }
  }

  @Test
  @Order(2)
  void crashOfTheActiveGatewayMovesEipAndSnatToTheOtherAndEstablishedTcpSurvives() {
    assertThat(stack.activeNode()).isEqualTo(ClusterStack.NODE1);
    ClusterNode node3 = stack.cluster.node(ClusterStack.NODE3);
    await("node3 runs BFD to both gateways")
        .atMost(Wire.ANSWER)
        .until(() -> node3.bfdSessions() == 2 && stack.cluster.bfdUpEverywhere());
    ClusterNode node2 = stack.cluster.node(ClusterStack.NODE2);
    try (TcpServer longLived = Probes.listen(outside, gw, 20050);
        Background client = counter(eipPod.netns(), gw, 20050);
        Background pings = Probes.pingStream(outside, EIP, 20, Duration.ofSeconds(25));
        TcpServer server = Probes.listen(outside, gw, 20051);
        Capture nic2 = Capture.start(stack.cluster.fabric(), node2.fabricNic(), "ip")) {
      assertThat(longLived.awaitPeers(Wire.ANSWER)).containsOnly(EIP);
      await("the long-lived connection carries lines")
          .atMost(Wire.ANSWER)
          .until(() -> longLived.nc().stdout().lines().count() > 5);
      sleep(Duration.ofSeconds(2));

      long crashedAt = System.currentTimeMillis();
      stack.cluster.crash(ClusterStack.NODE1);
      long linesAtCrash = longLived.nc().stdout().lines().count();
      await("node2 takes the gateway port")
          .atMost(Wire.ANSWER)
          .pollInterval(Duration.ofMillis(50))
          .until(() -> stack.activeNode().equals(ClusterStack.NODE2));
      long claimedMs = System.currentTimeMillis() - crashedAt;

      answers("ping to the EIP through node2", ping(outside, EIP));
      answers("TCP from the SNAT pod through node2", tcp(snatPod.netns(), gw, 20051));
      assertThat(server.awaitPeers(Wire.ANSWER)).containsOnly(SNAT);
      assertThat(nic2.packets(p -> p.isIp() && p.src().equals(SNAT)))
          .as("SNAT traffic leaves through node2's NIC")
          .isNotEmpty();
      // The established connection: the same one (no second accept), still carrying lines.
      await("the established connection carries lines again")
          .atMost(Wire.ANSWER)
          .until(() -> longLived.nc().stdout().lines().count() > linesAtCrash + 10);
      assertThat(longLived.peers()).as("no reconnect: one connection").hasSize(1);
      assertThat(client.isAlive()).as("the client's connection is not reset").isTrue();

      sleep(Duration.ofSeconds(2));
      LossWindow loss = LossWindow.ofPing(pings.stdout());
      System.out.printf(
          "E2E-TIMING crash of the active gateway (default BFD): node2 claimed after %d ms,"
              + " longest gap in a 50 pps ping to the EIP %d ms; established TCP survived%n",
          claimedMs, loss.longestGapMillis());
    }
  }

  @Test
  @Order(3)
  void theCrashedGatewayReturnsAsABackupWithoutTakingTheGatewayBack() {
    assertThat(stack.activeNode()).isEqualTo(ClusterStack.NODE2);
    await("the controller keeps node2 first (non-preemptive, docs/behaviour.md §3.1)")
        .atMost(Wire.ANSWER)
        .until(
            () ->
                priorities()
                    .equals(List.of(chassis(ClusterStack.NODE2), chassis(ClusterStack.NODE1))));
    try (Background pings = Probes.pingStream(outside, EIP, 20, Duration.ofSeconds(12))) {
      await("pings flow")
          .atMost(Wire.ANSWER)
          .until(() -> LossWindow.ofPing(pings.stdout()).replies() > 10);
      stack.cluster.restore(ClusterStack.NODE1);
      await("BFD up everywhere again").atMost(Wire.ANSWER).until(stack.cluster::bfdUpEverywhere);
      sleep(Duration.ofSeconds(3));
      assertThat(stack.activeNode())
          .as("no failback: node2 keeps the gateway")
          .isEqualTo(ClusterStack.NODE2);
      await("the ping stream ends").atMost(Wire.ANSWER).until(() -> !pings.isAlive());
      System.out.printf(
          "E2E-TIMING return of the crashed gateway (non-preemptive): longest gap %d ms%n",
          LossWindow.ofPing(pings.stdout()).longestGapMillis());
    }
    trafficFlows(20061);
  }

  @Test
  @Order(4)
  void preemptiveFailbackGivesTheGatewayBackToTheConfiguredFirstNode() {
    Map<String, String> preemptive = new java.util.HashMap<>(ClusterStack.CENTRALIZED);
    preemptive.put("gateway-failback", "preemptive");
    long gap = lossDuring(() -> stack.kube.configMap(preemptive), ClusterStack.NODE1);
    System.out.printf(
        "E2E-TIMING planned move back to node1 (preemptive): longest gap %d ms%n", gap);
    trafficFlows(20062);
  }

  @Test
  @Order(5)
  void cordonMovesTheGatewayAwayBeforeTheDrainAndUncordonRestoresTheOrder() {
    long drain = lossDuring(() -> stack.kube.cordon(ClusterStack.NODE1, true), ClusterStack.NODE2);
    assertThat(priorities())
        .as("the cordoned node stays in the list, last")
        .containsExactly(chassis(ClusterStack.NODE2), chassis(ClusterStack.NODE1));
    trafficFlows(20063);
    long back = lossDuring(() -> stack.kube.cordon(ClusterStack.NODE1, false), ClusterStack.NODE1);
    assertThat(priorities())
        .containsExactly(chassis(ClusterStack.NODE1), chassis(ClusterStack.NODE2));
    System.out.printf(
        "E2E-TIMING drain by cordon: longest gap %d ms; uncordon (preemptive): %d ms%n",
        drain, back);
    trafficFlows(20064);
  }

  /**
   * Runs {@code change} while the outside pings the EIP and the EIP pod sends UDP out, waits until
   * {@code node} holds the gateway, and returns the longest gap in the ping stream.
   */
  private static long lossDuring(Runnable change, String node) {
    try (Background pings = Probes.pingStream(outside, EIP, 20, Duration.ofSeconds(8));
        Background out = Probes.udpStream(eipPod.netns(), gw, 20090, 20)) {
      await("pings flow")
          .atMost(Wire.ANSWER)
          .until(() -> LossWindow.ofPing(pings.stdout()).replies() > 10);
      change.run();
      await(node + " holds the gateway")
          .atMost(Wire.ANSWER)
          .pollInterval(Duration.ofMillis(50))
          .until(() -> stack.activeNode().equals(node));
      await("the ping stream ends").atMost(Wire.ANSWER).until(() -> !pings.isAlive());
      return LossWindow.ofPing(pings.stdout()).longestGapMillis();
    }
  }

  /** EIP in, EIP out and SNAT out all work now (new flows). */
  private static void trafficFlows(int port) {
    try (TcpServer server = Probes.listen(outside, gw, port)) {
      answers("ping to the EIP", ping(outside, EIP));
      answers("TCP from the SNAT pod", tcp(snatPod.netns(), gw, port));
      answers("TCP from the EIP pod", tcp(eipPod.netns(), gw, port));
      await("both connections logged").atMost(Wire.ANSWER).until(() -> server.peers().size() >= 2);
      assertThat(server.peers()).containsOnly(EIP, SNAT);
    }
  }

  /** Our Gateway_Chassis rows' chassis, highest priority first. */
  private static List<String> priorities() {
    String out =
        stack.ovn.nbctl("--bare", "--columns=priority,chassis_name", "list", "Gateway_Chassis");
    List<String[]> rows = new java.util.ArrayList<>();
    String[] words = out.trim().split("\\s+");
    for (int k = 0; k + 1 < words.length; k += 2) {
      rows.add(new String[] {words[k], words[k + 1]});
    }
    rows.sort((a, b) -> Integer.parseInt(b[0]) - Integer.parseInt(a[0]));
    return rows.stream().map(r -> r[1]).toList();
  }

  private static String chassis(String node) {
    return ClusterStack.chassis(node);
  }

  /** A TCP client that sends a counter line every 100 ms over one connection. */
  static Background counter(Netns from, String dst, int port) {
    return from.spawn(
        "tcp-counter",
        "bash",
        "-c",
        "i=0; while :; do echo $i; i=$((i+1)); sleep 0.1; done | nc -n " + dst + " " + port);
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

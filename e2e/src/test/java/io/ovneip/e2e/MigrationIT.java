package io.ovneip.e2e;

import static io.ovneip.e2e.Wire.answers;
import static io.ovneip.e2e.Wire.ping;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ovneip.controller.Controller;
import io.ovneip.controller.adopt.Adopter;
import io.ovneip.model.adopt.Adoption;
import io.ovneip.model.input.GatewaySettings;
import io.ovneip.ovsdb.client.OvsdbClient;
import io.ovneip.ovsdb.client.OvsdbClientOptions;
import io.ovneip.testkit.dataplane.Background;
import io.ovneip.testkit.dataplane.Netns;
import io.ovneip.testkit.dataplane.PodNetns;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, migration from Kube-OVN's own EIP without an outage (docs/behaviour.md §8): Kube-OVN's
 * rows are in NB and its gateway bridge on the node, an outside host pings the EIP every 50 ms,
 * then ovn-eip starts (it must not touch those rows: it reports them), {@code ovn-eip adopt
 * --apply} runs, and the controller takes over (moving the reroute policy from Kube-OVN's 29250 to
 * its own priority). Not one reply may be lost. The dataplane's namespaces are named {@code
 * mg-...}.
 */
class MigrationIT {
  private static final String EIP = "172.56.0.233";
  private static final String POD_IP = "10.16.0.3";
  private static final Pattern REPLY = Pattern.compile("bytes from [0-9.]+: icmp_seq=(\\d+) ");

  private E2eStack stack;

  @AfterEach
  void down() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void anEipPingedFromOutsideLosesNoReplyWhileOvnEipStartsAdoptsAndTakesOver() throws Exception {
    stack = E2eStack.startWithoutPrograms(E2eStack.SEED_CONFIG, Optional.of("mg"), false);
    Netns outside = stack.dataplane.outside().netns();
    assertThat(outside.name()).startsWith("mg-");
    kubeOvnsGatewayNode();
    PodNetns pod = stack.pod("pod-eip", POD_IP, "00:00:00:00:00:03", Map.of(Kube.EIP, EIP));
    assertThat(pod.netns().name()).startsWith("mg-");
    kubeOvnsEipRows();
    stack.ovn.syncHv();
    answers("ping from the outside to Kube-OVN's EIP", ping(outside, EIP));
    String nat = uuid("NAT", "external_ip=" + EIP);
    String lrp = uuid("Logical_Router_Port", "name=ovn-cluster-external");
    String policy = uuid("Logical_Router_Policy", "priority=29250");

    try (Background pinger =
        outside.spawn(Duration.ofMinutes(3), "ping", "ping", "-n", "-i", "0.05", EIP)) {
      await("first replies").atMost(E2eStack.WAIT).until(() -> replies(pinger).size() >= 5);

      int beforeStart = lastSeq(pinger);
      // ovn-eip starts beside Kube-OVN's rows: it reports them and touches none.
      Controller controller = stack.startController();
      stack.startAgent();
      await("the pod's address reported as held by a row not ours")
          .atMost(E2eStack.WAIT)
          .until(() -> !stack.kube.events("pod-eip", "EIPConflict").isEmpty());
      // (Not "idle": the gateway's key is retried with backoff for as long as the rows block it.)
      await("the gateway reported as blocked by rows not ours")
          .atMost(E2eStack.WAIT)
          .until(
              () ->
                  stack.client().v1().events().inNamespace("kube-system").list().getItems().stream()
                      .anyMatch(e -> "GatewayBlocked".equals(e.getReason())));
      assertThat(uuid("NAT", "external_ip=" + EIP)).isEqualTo(nat);
      assertThat(uuid("Logical_Router_Port", "name=ovn-cluster-external")).isEqualTo(lrp);
      assertThat(uuid("Logical_Router_Policy", "priority=29250")).isEqualTo(policy);
      assertThat(stack.ovn.nbctl("lr-policy-list", "ovn-cluster")).doesNotContain("29260");

      // ovn-eip adopt --apply: every Kube-OVN row matches, each is adopted.
      try (OvsdbClient nb = OvsdbClient.connect(OvsdbClientOptions.of(stack.ovn.nb.tcpRemote()));
          OvsdbClient sb = OvsdbClient.connect(OvsdbClientOptions.of(stack.ovn.sb.tcpRemote()))) {
        Adopter adopter =
            new Adopter(stack.client(), nb, sb, GatewaySettings.defaults(), E2eStack.WAIT);
        List<Adoption.Candidate> plan = adopter.plan();
        assertThat(plan).isNotEmpty().allMatch(Adoption.Candidate::adopt);
        assertThat(adopter.apply(plan)).isEqualTo(plan.size());
      }

      // The controller takes over: the policy moves to ovn-eip's priority, the pod shows applied.
      await("the policy at ovn-eip's priority")
          .atMost(E2eStack.WAIT)
          .until(
              () -> {
                String list = stack.ovn.nbctl("lr-policy-list", "ovn-cluster");
                return list.contains("29260") && !list.contains("29250");
              });
      stack.awaitApplied("pod-eip");
      await().atMost(E2eStack.WAIT).until(controller::idle);
      stack.ovn.syncHv();
      // Kept, never deleted and written again.
      assertThat(uuid("NAT", "external_ip=" + EIP)).isEqualTo(nat);
      assertThat(uuid("Logical_Router_Port", "name=ovn-cluster-external")).isEqualTo(lrp);

      // A little longer on the new rows, then the count.
      int atTakeOver = lastSeq(pinger);
      await("replies after the take-over")
          .atMost(E2eStack.WAIT)
          .until(() -> lastSeq(pinger) >= atTakeOver + 40);
      TreeSet<Integer> got = replies(pinger);
      int last = got.last();
      TreeSet<Integer> lost = new TreeSet<>();
      for (int seq = 1; seq <= last; seq++) {
        if (!got.contains(seq)) {
          lost.add(seq);
        }
      }
      assertThat(lost).as("echo requests 1..%d without a reply (ping every 50 ms)", last).isEmpty();
      // The count spans the whole migration: replies before ovn-eip started and after it took over.
      assertThat(beforeStart).isPositive().isLessThan(atTakeOver);
    }
  }

  /**
   * What kube-ovn-cni leaves on a gateway node: {@code br-external} in the node's datapath with the
   * NIC in it and the bridge mapping, none of it carrying ovn-eip's marks.
   */
  private void kubeOvnsGatewayNode() {
    stack.dataplane.vsctl(
        "add-br",
        "br-external",
        "--",
        "set",
        "Bridge",
        "br-external",
        "datapath_type=netdev",
        "--",
        "add-port",
        "br-external",
        "eth1",
        "--",
        "set",
        "Open_vSwitch",
        ".",
        "external_ids:ovn-bridge-mappings=external:br-external");
  }

  /** The rows Kube-OVN's own EIP/SNAT writes (vendor=kube-ovn, no ovn-eip owner key). */
  private void kubeOvnsEipRows() {
    stack.ovn.nbctl(
        "ls-add",
        "external",
        "--",
        "set",
        "Logical_Switch",
        "external",
        "external_ids:vendor=kube-ovn",
        "--",
        "lsp-add",
        "external",
        "localnet.external",
        "--",
        "lsp-set-type",
        "localnet.external",
        "localnet",
        "--",
        "lsp-set-addresses",
        "localnet.external",
        "unknown",
        "--",
        "lsp-set-options",
        "localnet.external",
        "network_name=external",
        "--",
        "lrp-add",
        "ovn-cluster",
        "ovn-cluster-external",
        "16:52:f3:13:6a:25",
        "172.56.0.254/16",
        "--",
        "lsp-add",
        "external",
        "external-ovn-cluster",
        "--",
        "lsp-set-type",
        "external-ovn-cluster",
        "router",
        "--",
        "lsp-set-addresses",
        "external-ovn-cluster",
        "router",
        "--",
        "lsp-set-options",
        "external-ovn-cluster",
        "router-port=ovn-cluster-external");
    stack.ovn.nbctl("lrp-set-gateway-chassis", "ovn-cluster-external", E2eStack.CHASSIS, "100");
    stack.ovn.nbctl("lr-nat-add", "ovn-cluster", "dnat_and_snat", EIP, POD_IP);
    stack.ovn.nbctl(
        "lr-policy-add", "ovn-cluster", "29250", "ip4.src == " + POD_IP, "reroute", "172.56.0.1");
    for (String table : List.of("Logical_Switch_Port", "Logical_Router_Port")) {
      for (String name :
          List.of("localnet.external", "external-ovn-cluster", "ovn-cluster-external")) {
        String row = stack.ovn.nbctl("--bare", "--columns=_uuid", "find", table, "name=" + name);
        if (!row.isBlank()) {
          stack.ovn.nbctl("set", table, row.strip(), "external_ids:vendor=kube-ovn");
        }
      }
    }
    stack.ovn.nbctl(
        "set", "NAT", uuid("NAT", "external_ip=" + EIP), "external_ids:vendor=kube-ovn");
    stack.ovn.nbctl(
        "set",
        "Logical_Router_Policy",
        uuid("Logical_Router_Policy", "priority=29250"),
        "external_ids:vendor=kube-ovn");
  }

  private String uuid(String table, String condition) {
    String out = stack.ovn.nbctl("--bare", "--columns=_uuid", "find", table, condition).strip();
    assertThat(out).as(table + " " + condition).isNotBlank().doesNotContain("\n");
    return out;
  }

  private static TreeSet<Integer> replies(Background pinger) {
    TreeSet<Integer> seqs = new TreeSet<>();
    Matcher m = REPLY.matcher(pinger.stdout());
    while (m.find()) {
      seqs.add(Integer.parseInt(m.group(1)));
    }
    return seqs;
  }

  private static int lastSeq(Background pinger) {
    TreeSet<Integer> seqs = replies(pinger);
    return seqs.isEmpty() ? 0 : seqs.last();
  }
}

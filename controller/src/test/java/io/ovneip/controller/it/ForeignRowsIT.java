package io.ovneip.controller.it;

import static io.ovneip.controller.it.ControllerHarness.SEED_CONFIG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.ovneip.controller.Controller;
import io.ovneip.model.input.Annotations;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, "Nothing foreign is ever removed" (docs/behaviour.md §3, §4.5): rows someone else wrote
 * are never removed, not even by OVSDB's garbage collection, keys someone else added to our rows
 * survive our updates, and NAT rows and reroute policies not ours are claimants that win until they
 * go. Foreign rows are written with the real {@code ovn-nbctl}, as an operator or Kube-OVN would.
 */
class ForeignRowsIT extends ControllerItBase {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @BeforeEach
  void setUp() {
    ovn.withChassis("chassis-worker", "kube-ovn-worker");
    ControllerHarness.node(client, "kube-ovn-worker", "chassis-worker");
    ControllerHarness.configMap(client, SEED_CONFIG);
  }

  /** Situation 2: a port added by hand to our switch survives disabling the gateway. */
  @Test
  void disablingTheGatewayKeepsAPortSomeoneElseAddedToOurSwitch() {
    try (Controller c = ControllerHarness.start(ovn, client)) {
      await().atMost(WAIT).until(() -> ovn.nbctl("show").contains("localnet.external"));
      ovn.nbctl("lsp-add", "external", "manual-port");

      ControllerHarness.configMap(client, disabled());
      await()
          .atMost(WAIT)
          .until(
              () ->
                  !ovn.nbctl("show").contains("localnet.external")
                      && !ovn.nbctl("show").contains("ovn-cluster-external"));
      await().atMost(WAIT).until(c::idle);
      assertThat(ovn.nbctl("--bare", "--columns=name", "list", "Logical_Switch_Port"))
          .contains("manual-port");
      assertThat(ovn.nbctl("lsp-list", "external")).contains("manual-port");
      await().atMost(WAIT).until(() -> !configMapEvents("ForeignRowsKept").isEmpty());
      assertThat(configMapEvents("ForeignRowsKept").get(0).getMessage())
          .contains("Logical_Switch \"external\"")
          .contains("manual-port");

      // When the foreign row goes, the controller finishes: our switch goes too.
      ovn.nbctl("lsp-del", "manual-port");
      await()
          .atMost(WAIT)
          .until(
              () ->
                  !ovn.nbctl("--bare", "--columns=name", "list", "Logical_Switch")
                      .contains("external"));
    }
  }

  /** A Gateway_Chassis added by hand keeps our router port; ours go. */
  @Test
  void aGatewayChassisSomeoneElseAddedKeepsOurRouterPort() {
    try (Controller c = ControllerHarness.start(ovn, client)) {
      await().atMost(WAIT).until(() -> ovn.nbctl("show").contains("ovn-cluster-external"));
      ovn.nbctl("lrp-set-gateway-chassis", "ovn-cluster-external", "hand-chassis", "7");
      await().atMost(WAIT).until(c::idle);
      assertThat(ovn.nbctl("lrp-get-gateway-chassis", "ovn-cluster-external"))
          .contains("chassis-worker")
          .contains("hand-chassis");

      ControllerHarness.configMap(client, disabled());
      await()
          .atMost(WAIT)
          .until(
              () ->
                  !ovn.nbctl("lrp-get-gateway-chassis", "ovn-cluster-external")
                      .contains("chassis-worker"));
      await().atMost(WAIT).until(c::idle);
      assertThat(ovn.nbctl("lrp-get-gateway-chassis", "ovn-cluster-external"))
          .contains("ovn-cluster-external-hand-chassis");
      await()
          .atMost(WAIT)
          .until(
              () ->
                  configMapEvents("ForeignRowsKept").stream()
                      .anyMatch(e -> e.getMessage().contains("ovn-cluster-external-hand-chassis")));

      ovn.nbctl("lrp-del-gateway-chassis", "ovn-cluster-external", "hand-chassis");
      await()
          .atMost(WAIT)
          .until(
              () ->
                  !ovn.nbctl("--bare", "--columns=name", "list", "Logical_Router_Port")
                      .contains("ovn-cluster-external"));
    }
  }

  /** Our update of a drifted row sets our keys only: keys someone else added stay. */
  @Test
  void keysSomeoneElseAddedToOurRowsSurviveOurUpdates() {
    try (Controller c = ControllerHarness.start(ovn, client)) {
      await().atMost(WAIT).until(() -> ovn.nbctl("show").contains("localnet.external"));
      ovn.nbctl(
          "set",
          "Logical_Switch_Port",
          "localnet.external",
          "options:network_name=wrong",
          "options:mcast_flood=true",
          "external_ids:team=netops");
      await()
          .atMost(WAIT)
          .until(
              () ->
                  ovn.nbctl("get", "Logical_Switch_Port", "localnet.external", "options")
                      .contains("network_name=external"));
      assertThat(ovn.nbctl("get", "Logical_Switch_Port", "localnet.external", "options"))
          .contains("mcast_flood=\"true\"");
      assertThat(ovn.nbctl("get", "Logical_Switch_Port", "localnet.external", "external_ids"))
          .contains("team=netops")
          .contains("ovn-eip-owner=gateway");
    }
  }

  /** Situation 3: a dnat_and_snat row not ours keeps its external IP until it goes. */
  @Test
  void aForeignNatRowIsAClaimantThatWinsUntilItGoes() {
    ovn.nbctl("lr-nat-add", "ovn-cluster", "dnat_and_snat", "172.56.0.240", "10.16.0.50");
    try (Controller c = ControllerHarness.start(ovn, client)) {
      ControllerHarness.pod(
          ovn,
          client,
          "wants-240",
          "10.16.0.2",
          "00:00:00:00:00:02",
          Map.of("ovn.kubernetes.io/eip", "172.56.0.240"));
      await().atMost(WAIT).until(() -> !podEvents("wants-240", "EIPConflict").isEmpty());
      assertThat(podEvents("wants-240", "EIPConflict").get(0).getMessage())
          .contains("172.56.0.240")
          .contains("NAT ")
          .contains("10.16.0.50")
          .contains("not ours");
      await().atMost(WAIT).until(() -> "Conflict".equals(reason("wants-240")));
      assertThat(status("wants-240")).isEqualTo("False");
      await().atMost(WAIT).until(c::idle);
      assertThat(natRowsWith("172.56.0.240")).isEqualTo(1);
      assertThat(ovn.nbctl("lr-policy-list", "ovn-cluster")).doesNotContain("10.16.0.2");

      // The foreign row goes: the pod gets the address without any user action.
      ovn.nbctl("lr-nat-del", "ovn-cluster", "dnat_and_snat", "172.56.0.240");
      await().atMost(WAIT).until(() -> "True".equals(status("wants-240")));
      assertThat(natList()).containsPattern("172\\.56\\.0\\.240\\s+10\\.16\\.0\\.2");
    }
  }

  /** A SNAT is refused against a foreign dnat_and_snat; a foreign SNAT of the address is shared. */
  @Test
  void aSnatAgainstAForeignEipIsAConflict() {
    ovn.nbctl("lr-nat-add", "ovn-cluster", "dnat_and_snat", "172.56.0.241", "10.16.0.51");
    try (Controller c = ControllerHarness.start(ovn, client)) {
      ControllerHarness.pod(
          ovn,
          client,
          "snat-241",
          "10.16.0.2",
          "00:00:00:00:00:02",
          Map.of("ovn.kubernetes.io/snat", "172.56.0.241"));
      await().atMost(WAIT).until(() -> !podEvents("snat-241", "SNATConflict").isEmpty());
      assertThat(podEvents("snat-241", "SNATConflict").get(0).getMessage()).contains("10.16.0.51");
      await().atMost(WAIT).until(c::idle);
      assertThat(natRowsWith("172.56.0.241")).isEqualTo(1);
    }
  }

  /** A 29250 reroute policy not ours for the pod's IP is reported the same way. */
  @Test
  void aForeignReroutePolicyForThePodsIpIsAConflict() {
    ovn.nbctl(
        "lr-policy-add", "ovn-cluster", "29250", "ip4.src == 10.16.0.2", "reroute", "172.56.0.9");
    try (Controller c = ControllerHarness.start(ovn, client)) {
      ControllerHarness.pod(
          ovn,
          client,
          "rerouted",
          "10.16.0.2",
          "00:00:00:00:00:02",
          Map.of("ovn.kubernetes.io/eip", "172.56.0.242"));
      await().atMost(WAIT).until(() -> !podEvents("rerouted", "EIPConflict").isEmpty());
      assertThat(podEvents("rerouted", "EIPConflict").get(0).getMessage())
          .contains("Logical_Router_Policy")
          .contains("ip4.src == 10.16.0.2");
      await().atMost(WAIT).until(c::idle);
      assertThat(natList()).doesNotContain("172.56.0.242");

      ovn.nbctl("lr-policy-del", "ovn-cluster", "29250", "ip4.src == 10.16.0.2");
      await().atMost(WAIT).until(() -> "True".equals(status("rerouted")));
      assertThat(natList()).contains("172.56.0.242");
    }
  }

  private static Map<String, String> disabled() {
    Map<String, String> data = new HashMap<>(SEED_CONFIG);
    data.put("enable-external-gw", "false");
    return data;
  }

  private List<Event> configMapEvents(String reason) {
    return ControllerHarness.events(client, "kube-system", "ovn-external-gw-config", reason);
  }

  private List<Event> podEvents(String pod, String reason) {
    return ControllerHarness.events(client, "default", pod, reason);
  }

  private String natList() {
    return ovn.nbctl("lr-nat-list", "ovn-cluster");
  }

  private int natRowsWith(String externalIp) {
    String uuids =
        ovn.nbctl("--bare", "--columns=_uuid", "find", "NAT", "external_ip=\"" + externalIp + "\"")
            .trim();
    return uuids.isEmpty() ? 0 : uuids.split("\\s+").length;
  }

  private Optional<PodCondition> condition(String pod) {
    Pod p = client.pods().inNamespace("default").withName(pod).get();
    if (p == null || p.getStatus() == null || p.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return p.getStatus().getConditions().stream()
        .filter(c -> c.getType().equals(Annotations.READY_CONDITION))
        .findFirst();
  }

  private String status(String pod) {
    return condition(pod).map(PodCondition::getStatus).orElse("");
  }

  private String reason(String pod) {
    return condition(pod).map(PodCondition::getReason).orElse("");
  }
}

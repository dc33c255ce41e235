package io.ovneip.controller.it;

import static io.ovneip.controller.it.ControllerHarness.SEED_CONFIG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ovneip.controller.Controller;
import io.ovneip.model.input.GatewaySettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spec §3, §4.2, §4.3 against a real NB/SB and the CRUD mock API. */
class GatewayIT extends ControllerItBase {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @BeforeEach
  void setUp() {
    ovn.withChassis("chassis-control", "kube-ovn-control-plane")
        .withChassis("chassis-worker", "kube-ovn-worker")
        .withChassis("chassis-worker2", "kube-ovn-worker2");
    ControllerHarness.node(client, "kube-ovn-control-plane", null);
    ControllerHarness.node(client, "kube-ovn-worker", "chassis-worker");
    ControllerHarness.node(client, "kube-ovn-worker2", null);
  }

  @Test
  void theSeedsConfigMapGivesTheSeedsNbctlShow() {
    ControllerHarness.configMap(client, SEED_CONFIG);
    try (Controller c = ControllerHarness.start(ovn, client)) {
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                String show = ovn.nbctl("show");
                assertThat(block(show, "port localnet.external"))
                    .contains("type: localnet")
                    .contains("addresses: [\"unknown\"]");
                assertThat(block(show, "port external-ovn-cluster"))
                    .contains("type: router")
                    .contains("router-port: ovn-cluster-external");
                assertThat(block(show, "port ovn-cluster-external"))
                    .contains("mac: \"16:52:f3:13:6a:25\"")
                    .contains("networks: [\"172.56.0.254/16\"]")
                    .contains("gateway chassis: [chassis-worker]");
                assertThat(show).contains("(external)").contains("(ovn-cluster)");
              });
      assertThat(
              ovn.nbctl(
                  "--bare",
                  "--columns=options",
                  "find",
                  "Logical_Switch_Port",
                  "name=localnet.external"))
          .contains("network_name=external");
      await().atMost(WAIT).until(() -> label("kube-ovn-worker").equals("true"));
      assertThat(label("kube-ovn-worker2")).isEmpty();
      await()
          .atMost(WAIT)
          .until(
              () ->
                  !ControllerHarness.events(
                          client, "kube-system", "ovn-external-gw-config", "GatewayApplied")
                      .isEmpty());
    }
  }

  @Test
  void changesOfIpMacNodesAndTheirOrderAreAppliedInPlace() {
    ControllerHarness.configMap(client, SEED_CONFIG);
    try (Controller c = ControllerHarness.start(ovn, client)) {
      await()
          .atMost(WAIT)
          .until(() -> ovn.nbctl("show").contains("gateway chassis: [chassis-worker]"));
      String lrpUuid =
          ovn.nbctl(
                  "--bare",
                  "--columns=_uuid",
                  "find",
                  "Logical_Router_Port",
                  "name=ovn-cluster-external")
              .trim();

      Map<String, String> changed = new HashMap<>(SEED_CONFIG);
      changed.put("nic-ip", "172.56.0.100/16");
      changed.put("nic-mac", "ac:1f:6b:2d:33:f1");
      changed.put("external-gw-nodes", "kube-ovn-worker2, kube-ovn-worker");
      ControllerHarness.configMap(client, changed);

      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                String port = block(ovn.nbctl("show"), "port ovn-cluster-external");
                assertThat(port)
                    .contains("mac: \"ac:1f:6b:2d:33:f1\"")
                    .contains("networks: [\"172.56.0.100/16\"]");
                assertThat(priorities())
                    .isEqualTo(Map.of("chassis-worker2", 100, "chassis-worker", 99));
              });
      // In place: the same router port row, not a new one.
      assertThat(
              ovn.nbctl(
                      "--bare",
                      "--columns=_uuid",
                      "find",
                      "Logical_Router_Port",
                      "name=ovn-cluster-external")
                  .trim())
          .isEqualTo(lrpUuid);
      await().atMost(WAIT).until(() -> label("kube-ovn-worker2").equals("true"));

      changed.put("external-gw-nodes", "kube-ovn-worker2");
      ControllerHarness.configMap(client, changed);
      await().atMost(WAIT).until(() -> priorities().equals(Map.of("chassis-worker2", 100)));
      await().atMost(WAIT).until(() -> label("kube-ovn-worker").equals("false"));
    }
  }

  @Test
  void anInvalidConfigMapChangesNothingAndAnEventNamesEachBadKey() {
    ControllerHarness.configMap(client, SEED_CONFIG);
    try (Controller c = ControllerHarness.start(ovn, client)) {
      await().atMost(WAIT).until(() -> ovn.nbctl("show").contains("ovn-cluster-external"));
      String before = ovn.nbctl("show");

      Map<String, String> bad = new HashMap<>(SEED_CONFIG);
      bad.put("nic-mac", "not-a-mac");
      bad.put("external-gw-addr", "172.56.0.1");
      ControllerHarness.configMap(client, bad);

      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                var events =
                    ControllerHarness.events(
                        client, "kube-system", "ovn-external-gw-config", "InvalidConfig");
                assertThat(events).isNotEmpty();
                assertThat(events.get(events.size() - 1).getMessage())
                    .contains("nic-mac")
                    .contains("external-gw-addr");
              });
      await().atMost(WAIT).until(c::idle);
      assertThat(ovn.nbctl("show")).isEqualTo(before);
    }
  }

  @Test
  void disablingRemovesEveryOwnedRowAndLabelsGoFalse() {
    ControllerHarness.configMap(client, SEED_CONFIG);
    try (Controller c = ControllerHarness.start(ovn, client)) {
      await().atMost(WAIT).until(() -> ovn.nbctl("show").contains("ovn-cluster-external"));
      Map<String, String> off = new HashMap<>(SEED_CONFIG);
      off.put("enable-external-gw", "false");
      ControllerHarness.configMap(client, off);
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                String show = ovn.nbctl("show");
                assertThat(show)
                    .doesNotContain("(external)")
                    .doesNotContain("ovn-cluster-external");
                assertThat(
                        ovn.nbctl(
                                "--bare",
                                "--columns=_uuid",
                                "find",
                                "Gateway_Chassis",
                                "chassis_name=chassis-worker")
                            .trim())
                    .isEmpty();
              });
      await().atMost(WAIT).until(() -> label("kube-ovn-worker").equals("false"));
      // The CNI's rows are untouched.
      assertThat(ovn.nbctl("show")).contains("(ovn-default)").contains("ovn-cluster-ovn-default");
      assertThat(ovn.nbctl("lr-policy-list", "ovn-cluster")).contains("31000");
    }
  }

  @Test
  void aListedNodeWithoutChassisIsReportedAndTheRestApplies() {
    Map<String, String> config = new HashMap<>(SEED_CONFIG);
    config.put("external-gw-nodes", "kube-ovn-worker,no-such-node");
    ovn.sbctl("chassis-del", "chassis-worker2");
    config.put("external-gw-nodes", "kube-ovn-worker2,kube-ovn-worker");
    ControllerHarness.configMap(client, config);
    try (Controller c = ControllerHarness.start(ovn, client)) {
      await().atMost(WAIT).until(() -> priorities().equals(Map.of("chassis-worker", 99)));
      await()
          .atMost(WAIT)
          .until(
              () ->
                  !ControllerHarness.events(
                          client, "kube-system", "ovn-external-gw-config", "ChassisNotFound")
                      .isEmpty());
    }
  }

  @Test
  void aRestartWithNothingChangedWritesNothing() {
    ControllerHarness.configMap(client, SEED_CONFIG);
    try (Controller c = ControllerHarness.start(ovn, client)) {
      await()
          .atMost(WAIT)
          .until(() -> ovn.nbctl("show").contains("gateway chassis: [chassis-worker]"));
      await().atMost(WAIT).until(c::idle);
    }
    try (Controller again = ControllerHarness.start(ovn, client)) {
      await().atMost(WAIT).until(again::idle);
      assertThat(again.metrics().transactions.get()).isZero();
    }
  }

  @Test
  void rowsDeletedOrEditedByHandAreRepaired() {
    ControllerHarness.configMap(client, SEED_CONFIG);
    try (Controller c = ControllerHarness.start(ovn, client)) {
      await()
          .atMost(WAIT)
          .until(() -> ovn.nbctl("show").contains("gateway chassis: [chassis-worker]"));
      ovn.nbctl("lsp-del", "localnet.external");
      ovn.nbctl("set", "Logical_Router_Port", "ovn-cluster-external", "mac=\"00:00:00:00:00:01\"");
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                String show = ovn.nbctl("show");
                assertThat(show).contains("port localnet.external");
                assertThat(block(show, "port ovn-cluster-external"))
                    .contains("mac: \"16:52:f3:13:6a:25\"");
              });
      assertThat(c.metrics().driftRepairs.get()).isPositive();
    }
  }

  @Test
  void aMissingClusterRouterIsReportedAndTheGatewayAppearsOnceItExists() {
    ControllerHarness.configMap(client, SEED_CONFIG);
    GatewaySettings otherRouter =
        new GatewaySettings("kube-system", "external", 0, "external", "vpc-router");
    try (Controller c =
        Controller.start(ControllerHarness.options(ovn, otherRouter, false, "t"), client)) {
      await()
          .atMost(WAIT)
          .until(
              () ->
                  !ControllerHarness.events(
                          client, "kube-system", "ovn-external-gw-config", "GatewayBlocked")
                      .isEmpty());
      assertThat(ovn.nbctl("show")).doesNotContain("vpc-router-external");
      // The failed batch counts (alert OvnEipReconcileErrors); the NB connection is up meanwhile.
      await().atMost(WAIT).until(() -> c.metrics().reconcileErrors.get() > 0);
      await().atMost(WAIT).until(() -> c.metrics().nbConnected.get() == 1);
      ovn.nbctl("lr-add", "vpc-router");
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> ovn.nbctl("show").contains("port vpc-router-external"));
    }
  }

  @Test
  void vlanIdAndNamesComeFromTheFlags() {
    ControllerHarness.configMap(client, SEED_CONFIG);
    GatewaySettings vlan =
        new GatewaySettings("kube-system", "physnet", 42, "external", "ovn-cluster");
    try (Controller c =
        Controller.start(ControllerHarness.options(ovn, vlan, false, "t"), client)) {
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                String row =
                    ovn.nbctl(
                        "--bare",
                        "--columns=tag,options",
                        "find",
                        "Logical_Switch_Port",
                        "name=localnet.external");
                assertThat(row).contains("42").contains("network_name=physnet");
              });
    }
    try (Controller c = ControllerHarness.start(ovn, client)) {
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                String row =
                    ovn.nbctl(
                        "--bare",
                        "--columns=tag,options",
                        "find",
                        "Logical_Switch_Port",
                        "name=localnet.external");
                assertThat(row).doesNotContain("42").contains("network_name=external");
              });
    }
  }

  private Map<String, Integer> priorities() {
    Map<String, Integer> out = new HashMap<>();
    String rows = ovn.nbctl("--bare", "--columns=chassis_name,priority", "list", "Gateway_Chassis");
    String[] tokens = rows.trim().split("\\s+");
    for (int i = 0; i + 1 < tokens.length; i += 2) {
      out.put(tokens[i], Integer.parseInt(tokens[i + 1]));
    }
    return out;
  }

  @Test
  void kubeOvnsGatewayLabelOfEarlierVersionsIsRemovedOnceAndNeverWritten() {
    // Left by an earlier version (or by Kube-OVN's own EIP): kube-ovn-cni would act on it.
    client
        .nodes()
        .withName("kube-ovn-worker")
        .edit(
            n ->
                new io.fabric8.kubernetes.api.model.NodeBuilder(n)
                    .editMetadata()
                    .addToLabels(LEGACY, "true")
                    .endMetadata()
                    .build());
    ControllerHarness.configMap(client, SEED_CONFIG);
    try (Controller c = ControllerHarness.start(ovn, client)) {
      await().atMost(WAIT).until(() -> label("kube-ovn-worker").equals("true"));
      await().atMost(WAIT).until(() -> !labels("kube-ovn-worker").containsKey(LEGACY));
      await().atMost(WAIT).until(c::idle);
      // Once: a label someone sets afterwards (Kube-OVN <= v1.12 does) is not fought over.
      client
          .nodes()
          .withName("kube-ovn-worker")
          .edit(
              n ->
                  new io.fabric8.kubernetes.api.model.NodeBuilder(n)
                      .editMetadata()
                      .addToLabels(LEGACY, "false")
                      .endMetadata()
                      .build());
      Map<String, String> moved = new HashMap<>(SEED_CONFIG);
      moved.put("nic-mac", "16:52:f3:13:6a:26");
      ControllerHarness.configMap(client, moved);
      await().atMost(WAIT).until(() -> ovn.nbctl("show").contains("16:52:f3:13:6a:26"));
      await().atMost(WAIT).until(c::idle);
      assertThat(labels("kube-ovn-worker")).containsEntry(LEGACY, "false");
    }
  }

  private static final String LEGACY = "ovn.kubernetes.io/external-gw";

  private Map<String, String> labels(String node) {
    var labels = client.nodes().withName(node).get().getMetadata().getLabels();
    return labels == null ? Map.of() : labels;
  }

  private String label(String node) {
    var labels = client.nodes().withName(node).get().getMetadata().getLabels();
    return labels == null ? "" : labels.getOrDefault("ovn-eip.io/gateway", "");
  }

  /** The lines of {@code ovn-nbctl show} under the line that contains {@code header}. */
  static String block(String show, String header) {
    String[] lines = show.split("\n");
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].trim().equals(header)) {
        int indent = lines[i].indexOf(lines[i].trim());
        for (int j = i + 1; j < lines.length; j++) {
          int ind = lines[j].indexOf(lines[j].trim());
          if (ind <= indent) {
            break;
          }
          out.append(lines[j].trim()).append('\n');
        }
      }
    }
    return out.toString();
  }
}

package io.ovneip.controller.it;

import static io.ovneip.controller.it.ControllerHarness.SEED_CONFIG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.ovneip.controller.Controller;
import io.ovneip.controller.status.OvnStateReader;
import io.ovneip.controller.status.StatusCollector;
import io.ovneip.controller.status.StatusReport;
import io.ovneip.model.input.GatewaySettings;
import io.ovneip.ovsdb.client.OvsdbClient;
import io.ovneip.ovsdb.client.OvsdbClientOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A controller started while the ConfigMap is invalid takes the last good config from the gateway
 * rows it owns in NB (docs/behaviour.md §2.1, §5.4): pod deletions and changes still apply, the
 * gateway rows stay as they are, the invalid ConfigMap is reported, and {@code ovn-eip status}
 * agrees with it (the pods are applied, not held).
 */
class LastGoodConfigIT extends ControllerItBase {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void aControllerStartedUnderAnInvalidConfigMapBuildsOnTheConfigRecordedInNb() {
    ovn.withChassis("chassis-worker", "kube-ovn-worker");
    ControllerHarness.node(client, "kube-ovn-worker", "chassis-worker");
    ControllerHarness.configMap(client, SEED_CONFIG);
    ControllerHarness.pod(
        ovn,
        client,
        "gone",
        "10.16.0.2",
        "00:00:00:00:00:02",
        Map.of("ovn.kubernetes.io/eip", "172.56.0.233"));
    ControllerHarness.pod(
        ovn,
        client,
        "moved",
        "10.16.0.3",
        "00:00:00:00:00:03",
        Map.of("ovn.kubernetes.io/eip", "172.56.0.234"));
    try (Controller c = ControllerHarness.start(ovn, client)) {
      await()
          .atMost(WAIT)
          .until(() -> natList().contains("172.56.0.233") && natList().contains("172.56.0.234"));
    }
    String gatewayRows = gatewayRows();

    // While no controller runs: the ConfigMap turns invalid, one pod goes, another changes EIP.
    Map<String, String> invalid = new HashMap<>(SEED_CONFIG);
    invalid.put("nic-ip", "172.56.0.254/32");
    ControllerHarness.configMap(client, invalid);
    client.pods().inNamespace("default").withName("gone").delete();
    await()
        .atMost(WAIT)
        .until(() -> client.pods().inNamespace("default").withName("gone").get() == null);
    client
        .pods()
        .inNamespace("default")
        .withName("moved")
        .patch(
            PatchContext.of(PatchType.JSON),
            "[{\"op\":\"replace\",\"path\":\"/metadata/annotations/ovn.kubernetes.io~1eip\","
                + "\"value\":\"172.56.0.235\"}]");

    // Status, before any controller runs again, builds on the same recorded config: pending.
    assertThat(states()).containsEntry("moved", "pending").doesNotContainKey("gone");

    try (Controller c = ControllerHarness.start(ovn, client)) {
      await()
          .atMost(WAIT)
          .until(
              () ->
                  !natList().contains("172.56.0.233")
                      && !natList().contains("172.56.0.234")
                      && natList().contains("172.56.0.235"));
      assertThat(natList())
          .containsPattern("dnat_and_snat\\s+172\\.56\\.0\\.235\\s+10\\.16\\.0\\.3");
      String policies = ovn.nbctl("lr-policy-list", "ovn-cluster");
      assertThat(policies).doesNotContain("10.16.0.2");
      assertThat(policies).containsPattern("ip4.src == 10.16.0.3\\s+reroute\\s+172.56.0.1");
      await()
          .atMost(WAIT)
          .until(
              () ->
                  !ControllerHarness.events(
                          client, "kube-system", "ovn-external-gw-config", "InvalidConfig")
                      .isEmpty());
      assertThat(gatewayRows()).isEqualTo(gatewayRows);
      await().atMost(WAIT).until(() -> "applied".equals(states().get("moved")));
      assertThat(states()).doesNotContainKey("gone");
    }
  }

  private String natList() {
    return ovn.nbctl("lr-nat-list", "ovn-cluster");
  }

  /** The gateway's rows (docs/behaviour.md §3), every column. */
  private String gatewayRows() {
    return ovn.nbctl("find", "Logical_Router_Port", "name=ovn-cluster-external")
        + ovn.nbctl("find", "Logical_Switch", "name=external")
        + ovn.nbctl("find", "Logical_Switch_Port", "name=localnet.external")
        + ovn.nbctl("find", "Logical_Switch_Port", "name=external-ovn-cluster")
        + ovn.nbctl("list", "Gateway_Chassis");
  }

  private Map<String, String> states() {
    return report().pods().stream()
        .collect(
            Collectors.toMap(StatusReport.PodLine::name, StatusReport.PodLine::state, (x, y) -> x));
  }

  private StatusReport report() {
    try (OvsdbClient nb = OvsdbClient.connect(OvsdbClientOptions.of(ovn.nb.tcpRemote()));
        OvsdbClient sb = OvsdbClient.connect(OvsdbClientOptions.of(ovn.sb.tcpRemote()))) {
      return StatusCollector.collect(
          client,
          GatewaySettings.defaults(),
          OvnStateReader.read(nb, sb, GatewaySettings.defaults(), WAIT));
    }
  }
}

package io.ovneip.controller.it;

import static io.ovneip.controller.it.ControllerHarness.SEED_CONFIG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ovneip.controller.Controller;
import io.ovneip.controller.status.OvnStateReader;
import io.ovneip.controller.status.StatusCollector;
import io.ovneip.controller.status.StatusReport;
import io.ovneip.model.input.GatewaySettings;
import io.ovneip.ovsdb.client.OvsdbClient;
import io.ovneip.ovsdb.client.OvsdbClientOptions;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ovn-eip status}'s data: the gateway and each pod's state, read from NB and the API. */
class StatusIT extends ControllerItBase {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @BeforeEach
  void setUp() {
    ovn.withChassis("chassis-worker", "kube-ovn-worker");
    ControllerHarness.node(client, "kube-ovn-worker", null);
    ControllerHarness.configMap(client, SEED_CONFIG);
  }

  @Test
  void showsAppliedPendingConflictAndInvalidPodsAndTheGatewayChassis() {
    ControllerHarness.pod(
        ovn,
        client,
        "a-eip",
        "10.16.0.2",
        "00:00:00:00:00:02",
        Map.of("ovn.kubernetes.io/eip", "172.56.0.233"));
    ControllerHarness.pod(
        ovn,
        client,
        "b-eip",
        "10.16.0.3",
        "00:00:00:00:00:03",
        Map.of("ovn.kubernetes.io/eip", "172.56.0.233"));
    ControllerHarness.pod(
        ovn,
        client,
        "c-bad",
        "10.16.0.4",
        "00:00:00:00:00:04",
        Map.of("ovn.kubernetes.io/snat", "nope"));

    // Before any controller ran: nothing is in NB yet, so the winner is pending.
    assertThat(states())
        .containsEntry("a-eip", "pending")
        .containsEntry("b-eip", "conflict")
        .containsEntry("c-bad", "invalid");

    try (Controller c = ControllerHarness.start(ovn, client)) {
      await().atMost(WAIT).until(() -> "applied".equals(states().get("a-eip")));
    }
    StatusReport report = report();
    assertThat(report.gateway().state()).isEqualTo("enabled");
    assertThat(report.gateway().nodes()).containsExactly("kube-ovn-worker");
    assertThat(report.gateway().chassis())
        .extracting(StatusReport.ChassisLine::chassis, StatusReport.ChassisLine::priority)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("chassis-worker", 100L));
    StatusReport.PodLine loser =
        report.pods().stream().filter(p -> p.name().equals("b-eip")).findFirst().orElseThrow();
    assertThat(loser.reason()).contains("a-eip");
    assertThat(states()).containsEntry("b-eip", "conflict").containsEntry("c-bad", "invalid");
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

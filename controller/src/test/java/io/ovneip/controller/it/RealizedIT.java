package io.ovneip.controller.it;

import static io.ovneip.controller.it.ControllerHarness.SEED_CONFIG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.PodCondition;
import io.ovneip.controller.Controller;
import io.ovneip.controller.status.OvnStateReader;
import io.ovneip.controller.status.StatusCollector;
import io.ovneip.controller.status.StatusReport;
import io.ovneip.model.input.GatewaySettings;
import io.ovneip.ovsdb.client.OvsdbClient;
import io.ovneip.ovsdb.client.OvsdbClientOptions;
import io.ovneip.testkit.OvnNorthd;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/behaviour.md §5.5 and §5.6 against real NB/SB ovsdb-servers and a real ovn-northd. The
 * chassis are simulated in the Southbound as the brief of these tests allows: {@code chassis-add}
 * and a {@code Chassis_Private} row whose {@code nb_cfg} the test sets by hand, which is what a
 * real ovn-controller writes once its flows are installed; the active gateway is the chassis the
 * test binds {@code cr-ovn-cluster-external} to, as the ovn-controller that claims it would.
 */
class RealizedIT extends ControllerItBase {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String REALIZED = "ovn-eip.io/realized";
  private static final String CR_PORT = "cr-ovn-cluster-external";

  private OvnNorthd northd;

  @BeforeEach
  void setUp() {
    northd = OvnNorthd.start(ovn.nb.dir(), ovn.nb.tcpRemote(), ovn.sb.tcpRemote());
    ovn.withChassis("chassis-w1", "kube-ovn-worker").withChassis("chassis-w2", "kube-ovn-worker2");
    chassisPrivate("chassis-w1");
    chassisPrivate("chassis-w2");
    ControllerHarness.node(client, "kube-ovn-worker", "chassis-w1");
    ControllerHarness.node(client, "kube-ovn-worker2", "chassis-w2");
  }

  @AfterEach
  void stopNorthd() {
    if (northd != null) {
      northd.close();
    }
  }

  @Test
  void realizedOnceTheActiveGatewayReportsThePodsNbCfgAndALaggingChassisHoldsUpOnlyNewerPods() {
    ControllerHarness.configMap(client, SEED_CONFIG);
    try (Controller c = ControllerHarness.start(ovn, client)) {
      bindGatewayTo("chassis-w1");
      ControllerHarness.pod(
          ovn, client, "p1", "10.16.0.11", "00:00:00:00:00:11", eip("172.56.0.221"));
      await().atMost(WAIT).until(() -> condition("p1", "ovn-eip.io/ready").isPresent());
      await().atMost(WAIT).until(() -> "True".equals(status("p1", "ovn-eip.io/ready")));
      bind("p1.default", "chassis-w1"); // the pod's own chassis runs its reroute policy
      long target1 = nbCfg();
      await().atMost(WAIT).until(() -> sbNbCfg() >= target1);
      // Committed, translated, but the serving chassis has not reported it: not realized.
      await().atMost(WAIT).until(() -> "ChassisLagging".equals(reason("p1")));
      assertThat(status("p1", REALIZED)).isEqualTo("False");
      assertThat(condition("p1", REALIZED).orElseThrow().getMessage()).contains("chassis-w1");

      // Another chassis catching up changes nothing: it does not serve the pod.
      setNbCfg("chassis-w2", sbNbCfg());
      await().pollDelay(Duration.ofMillis(500)).atMost(WAIT).until(c::idle);
      assertThat(reason("p1")).isEqualTo("ChassisLagging");

      // The active gateway reports the pod's nb_cfg: realized.
      setNbCfg("chassis-w1", target1);
      await().atMost(WAIT).until(() -> "True".equals(status("p1", REALIZED)));
      assertThat(reason("p1")).isEqualTo("Realized");
      assertThat(condition("p1", REALIZED).orElseThrow().getLastTransitionTime()).isNotBlank();
      assertThat(c.metrics().changeToRealizedSeconds.collect().getDataPoints().get(0).getCount())
          .isGreaterThanOrEqualTo(1);

      // A newer pod waits for the chassis; the realized one is not held back.
      ControllerHarness.pod(
          ovn, client, "p2", "10.16.0.12", "00:00:00:00:00:12", eip("172.56.0.222"));
      await().atMost(WAIT).until(() -> "True".equals(status("p2", "ovn-eip.io/ready")));
      bind("p2.default", "chassis-w1");
      long target2 = nbCfg();
      assertThat(target2).isGreaterThan(target1);
      await().atMost(WAIT).until(() -> "ChassisLagging".equals(reason("p2")));
      assertThat(status("p1", REALIZED)).isEqualTo("True");
      setNbCfg("chassis-w1", target2);
      await().atMost(WAIT).until(() -> "True".equals(status("p2", REALIZED)));

      // The gateway moves to a chassis that is behind: the pods it now serves are not realized.
      bindGatewayTo("chassis-w2");
      await().atMost(WAIT).until(() -> "ChassisLagging".equals(reason("p2")));
      setNbCfg("chassis-w2", nbCfg());
      await().atMost(WAIT).until(() -> "True".equals(status("p2", REALIZED)));

      // ovn-eip status: the active gateway chassis with its progress, per pod committed and
      // realized (docs/behaviour.md §5.4).
      bindGatewayTo("chassis-w1"); // back on the configured gateway chassis
      await().atMost(WAIT).until(c::idle);
      StatusReport report = report();
      StatusReport.ChassisLine active =
          report.gateway().chassis().stream()
              .filter(StatusReport.ChassisLine::active)
              .findFirst()
              .orElseThrow();
      assertThat(active.chassis()).isEqualTo("chassis-w1");
      assertThat(active.progress()).isEqualTo("nb_cfg " + target2 + "/" + sbNbCfg());
      StatusReport.PodLine p2 =
          report.pods().stream().filter(p -> p.name().equals("p2")).findFirst().orElseThrow();
      assertThat(p2.committed()).isEqualTo("yes");
      assertThat(p2.realized()).isEqualTo("yes");
    }
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

  @Test
  void theBumpIsAMutationThatCommutesWithOtherWriters() {
    ControllerHarness.configMap(client, SEED_CONFIG);
    try (Controller c = ControllerHarness.start(ovn, client)) {
      await().atMost(WAIT).until(() -> ovn.nbctl("show").contains("gateway chassis"));
      await().atMost(WAIT).until(c::idle);
      long before = nbCfg();
      // Another writer bumps nb_cfg by hand meanwhile (as ovn-nbctl --wait=hv does).
      ovn.nbctl("set", "NB_Global", ".", "nb_cfg=" + (before + 5));
      ControllerHarness.pod(
          ovn, client, "p1", "10.16.0.11", "00:00:00:00:00:11", eip("172.56.0.221"));
      await().atMost(WAIT).until(() -> "True".equals(status("p1", "ovn-eip.io/ready")));
      await().atMost(WAIT).until(c::idle);
      // Our transaction added to the other writer's value instead of overwriting it.
      assertThat(nbCfg()).isGreaterThan(before + 5);
    }
  }

  @Test
  void distributedEipIsRealizedOnThePodsOwnChassis() {
    Map<String, String> config = new HashMap<>(SEED_CONFIG);
    config.put("type", "distributed");
    ControllerHarness.configMap(client, config);
    try (Controller c = ControllerHarness.start(ovn, client)) {
      ControllerHarness.pod(
          ovn, client, "p1", "10.16.0.11", "00:00:00:00:00:11", eip("172.56.0.221"));
      await().atMost(WAIT).until(() -> "True".equals(status("p1", "ovn-eip.io/ready")));
      bind("p1.default", "chassis-w2");
      long target = nbCfg();
      await().atMost(WAIT).until(() -> sbNbCfg() >= target);
      await().atMost(WAIT).until(() -> "ChassisLagging".equals(reason("p1")));
      assertThat(condition("p1", REALIZED).orElseThrow().getMessage())
          .contains("chassis-w2")
          .contains("p1.default");
      // The pod's chassis, not a gateway, decides.
      setNbCfg("chassis-w2", target);
      await().atMost(WAIT).until(() -> "True".equals(status("p1", REALIZED)));
    }
  }

  @Test
  void aStuckGatewayChassisIsDemotedWhileOthersCatchUpAndRestoredWhenItCatchesUp() {
    Map<String, String> config = new HashMap<>(SEED_CONFIG);
    config.put("external-gw-nodes", "kube-ovn-worker,kube-ovn-worker2");
    ControllerHarness.configMap(client, config);
    Set<String> following = ConcurrentHashMap.newKeySet();
    following.add("chassis-w2");
    try (Controller c =
        Controller.start(
            ControllerHarness.options(ovn, GatewaySettings.defaults(), false, "test")
                .withGatewayLagThreshold(Duration.ofSeconds(2)),
            client)) {
      await()
          .atMost(WAIT)
          .until(() -> priority("chassis-w1") == 100 && priority("chassis-w2") == 99);
      bindGatewayTo("chassis-w1");
      ControllerHarness.pod(
          ovn, client, "p1", "10.16.0.11", "00:00:00:00:00:11", eip("172.56.0.221"));
      // chassis-w2 keeps up with every bump, chassis-w1's ovn-controller is "dead" (stays at 0).
      await()
          .atMost(WAIT)
          .until(
              () -> {
                follow(following);
                return priority("chassis-w1") == 0;
              });
      assertThat(priority("chassis-w2")).isEqualTo(99);
      await()
          .atMost(WAIT)
          .until(() -> !nodeEvents("kube-ovn-worker", "GatewayChassisDemoted").isEmpty());
      assertThat(c.metrics().demotedChassis.collect().getDataPoints().get(0).getValue())
          .isEqualTo(1.0);

      // It catches up (its ovn-controller is back): its place is restored.
      following.add("chassis-w1");
      await()
          .atMost(WAIT)
          .until(
              () -> {
                follow(following);
                return priority("chassis-w1") == 100;
              });
      assertThat(priority("chassis-w2")).isEqualTo(99);
      await()
          .atMost(WAIT)
          .until(() -> !nodeEvents("kube-ovn-worker", "GatewayChassisRestored").isEmpty());
    }
  }

  @Test
  void aStuckChassisAloneInTheListIsReportedNotMoved() {
    ControllerHarness.configMap(client, SEED_CONFIG); // kube-ovn-worker alone
    Set<String> following = Set.of("chassis-w2");
    try (Controller c =
        Controller.start(
            ControllerHarness.options(ovn, GatewaySettings.defaults(), false, "test")
                .withGatewayLagThreshold(Duration.ofSeconds(2)),
            client)) {
      await().atMost(WAIT).until(() -> priority("chassis-w1") == 100);
      ControllerHarness.pod(
          ovn, client, "p1", "10.16.0.11", "00:00:00:00:00:11", eip("172.56.0.221"));
      await()
          .atMost(WAIT)
          .until(
              () -> {
                follow(following);
                return !nodeEvents("kube-ovn-worker", "GatewayChassisLagging").isEmpty();
              });
      assertThat(priority("chassis-w1")).isEqualTo(100);
      assertThat(nodeEvents("kube-ovn-worker", "GatewayChassisDemoted")).isEmpty();
    }
  }

  // --- helpers -------------------------------------------------------------------------------

  private static Map<String, String> eip(String address) {
    return Map.of("ovn.kubernetes.io/eip", address);
  }

  private java.util.List<io.fabric8.kubernetes.api.model.Event> nodeEvents(
      String node, String reason) {
    return client.v1().events().inAnyNamespace().list().getItems().stream()
        .filter(e -> node.equals(e.getInvolvedObject().getName()))
        .filter(e -> reason.equals(e.getReason()))
        .toList();
  }

  /** Each chassis in {@code chassis} reports SB_Global's nb_cfg, as a live ovn-controller would. */
  private void follow(Set<String> chassis) {
    long global = sbNbCfg();
    for (String ch : chassis) {
      setNbCfg(ch, global);
    }
  }

  private Optional<PodCondition> condition(String pod, String type) {
    var p = client.pods().inNamespace("default").withName(pod).get();
    if (p == null || p.getStatus() == null || p.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return p.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  private String status(String pod, String type) {
    return condition(pod, type).map(PodCondition::getStatus).orElse("");
  }

  private String reason(String pod) {
    return condition(pod, REALIZED).map(PodCondition::getReason).orElse("");
  }

  private void chassisPrivate(String chassis) {
    String uuid =
        ovn.sbctl("--bare", "--columns=_uuid", "find", "Chassis", "name=" + chassis).trim();
    ovn.sbctl("create", "Chassis_Private", "name=" + chassis, "chassis=" + uuid, "nb_cfg=0");
  }

  private void setNbCfg(String chassis, long value) {
    String uuid =
        ovn.sbctl("--bare", "--columns=_uuid", "find", "Chassis_Private", "name=" + chassis).trim();
    ovn.sbctl("set", "Chassis_Private", uuid, "nb_cfg=" + value);
  }

  private long nbCfg() {
    return Long.parseLong(ovn.nbctl("get", "NB_Global", ".", "nb_cfg").trim());
  }

  private long sbNbCfg() {
    return Long.parseLong(ovn.sbctl("get", "SB_Global", ".", "nb_cfg").trim());
  }

  private boolean portBindingExists(String port) {
    return !ovn.sbctl("--bare", "--columns=_uuid", "find", "Port_Binding", "logical_port=" + port)
        .isBlank();
  }

  /**
   * Binds the gateway's cr- port to {@code chassis}, as the ovn-controller that claims it would.
   */
  private void bindGatewayTo(String chassis) {
    bind(CR_PORT, chassis);
  }

  /** Sets {@code Port_Binding.chassis} of {@code port} (bound or not) to {@code chassis}. */
  private void bind(String port, String chassis) {
    await().atMost(WAIT).until(() -> portBindingExists(port));
    String binding =
        ovn.sbctl("--bare", "--columns=_uuid", "find", "Port_Binding", "logical_port=" + port)
            .trim();
    String ch = ovn.sbctl("--bare", "--columns=_uuid", "find", "Chassis", "name=" + chassis).trim();
    ovn.sbctl("set", "Port_Binding", binding, "chassis=" + ch);
  }

  private int priority(String chassis) {
    String out =
        ovn.nbctl(
                "--bare",
                "--columns=priority",
                "find",
                "Gateway_Chassis",
                "chassis_name=" + chassis)
            .trim();
    return out.isEmpty() ? -1 : Integer.parseInt(out);
  }
}

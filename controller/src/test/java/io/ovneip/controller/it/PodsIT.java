package io.ovneip.controller.it;

import static io.ovneip.controller.it.ControllerHarness.SEED_CONFIG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.ovneip.controller.Controller;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spec §2.3, §3 (NAT and policy rows), §4.4, §4.5, §5 against a real NB/SB. */
class PodsIT extends ControllerItBase {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @BeforeEach
  void setUp() {
    ovn.withChassis("chassis-worker", "kube-ovn-worker");
    ControllerHarness.node(client, "kube-ovn-worker", "chassis-worker");
    ControllerHarness.configMap(client, SEED_CONFIG);
  }

  @Test
  void theSeedsPodsGetTheirNatRowsPoliciesAndRouted() {
    try (Controller c = ControllerHarness.start(ovn, client)) {
      ControllerHarness.pod(
          ovn,
          client,
          "pod-snat",
          "10.16.0.2",
          "00:00:00:00:00:02",
          Map.of("ovn.kubernetes.io/snat", "172.56.0.200"));
      seedEipPod();
      await().atMost(WAIT).until(() -> routed("pod-snat") && routed("pod-eip"));
      assertThat(applied("pod-snat")).isEqualTo("snat=172.56.0.200");
      assertThat(applied("pod-eip")).isEqualTo("eip=172.56.0.233");
      String nat = ovn.nbctl("lr-nat-list", "ovn-cluster");
      assertThat(nat).containsPattern("snat\\s+172\\.56\\.0\\.200\\s+10\\.16\\.0\\.2");
      assertThat(nat).containsPattern("dnat_and_snat\\s+172\\.56\\.0\\.233\\s+10\\.16\\.0\\.3");
      String policies = ovn.nbctl("lr-policy-list", "ovn-cluster");
      assertThat(policies)
          .containsPattern("29260\\s+ip4.src == 10.16.0.2\\s+reroute\\s+172.56.0.1");
      assertThat(policies)
          .containsPattern("29260\\s+ip4.src == 10.16.0.3\\s+reroute\\s+172.56.0.1");
      assertThat(policies).contains("31000");
      await().atMost(WAIT).until(() -> condition("pod-eip").equals("True"));
      assertThat(ControllerHarness.events(client, "default", "pod-eip", "EIPApplied")).isNotEmpty();
      assertThat(ControllerHarness.events(client, "default", "pod-snat", "SNATApplied"))
          .isNotEmpty();
    }
  }

  @Test
  void theSeedsEipChangeWithAndWithoutRemovingRouted() {
    try (Controller c = ControllerHarness.start(ovn, client)) {
      ControllerHarness.pod(
          ovn,
          client,
          "pod-gw",
          "10.16.0.3",
          "00:00:00:00:00:03",
          Map.of("ovn.kubernetes.io/eip", "172.56.0.233"));
      await().atMost(WAIT).until(() -> routed("pod-gw"));

      annotate("pod-gw", "ovn.kubernetes.io/eip", "172.56.0.221");
      removeAnnotation("pod-gw", "ovn.kubernetes.io/routed");
      await()
          .atMost(WAIT)
          .until(
              () ->
                  natList().contains("172.56.0.221")
                      && routed("pod-gw")
                      && "eip=172.56.0.221".equals(applied("pod-gw")));
      assertThat(natList()).doesNotContain("172.56.0.233");

      // Without the manual routed- step: level-triggered on eip alone; applied names the new one.
      annotate("pod-gw", "ovn.kubernetes.io/eip", "172.56.0.222");
      await()
          .atMost(WAIT)
          .until(
              () ->
                  natList().contains("172.56.0.222")
                      && "eip=172.56.0.222".equals(applied("pod-gw")));
      assertThat(routed("pod-gw")).isTrue();
      assertThat(natList()).doesNotContain("172.56.0.221");
      assertThat(ownedRows("NAT")).isEqualTo(1);
      assertThat(ownedRows("Logical_Router_Policy")).isEqualTo(1);
    }
  }

  @Test
  void annotationRemovedOrPodDeletedRemovesItsRows() {
    try (Controller c = ControllerHarness.start(ovn, client)) {
      ControllerHarness.pod(
          ovn,
          client,
          "a",
          "10.16.0.2",
          "00:00:00:00:00:02",
          Map.of("ovn.kubernetes.io/snat", "172.56.0.200"));
      ControllerHarness.pod(
          ovn,
          client,
          "b",
          "10.16.0.3",
          "00:00:00:00:00:03",
          Map.of("ovn.kubernetes.io/eip", "172.56.0.233"));
      await().atMost(WAIT).until(() -> routed("a") && routed("b"));

      removeAnnotation("a", "ovn.kubernetes.io/snat");
      await().atMost(WAIT).until(() -> !natList().contains("172.56.0.200") && applied("a") == null);
      // routed is never removed (docs/behaviour.md §5): it is Kube-OVN's signal, or without
      // Kube-OVN it only
      // ever said "rows were committed once".
      assertThat(routed("a")).isTrue();
      client.pods().inNamespace("default").withName("b").delete();
      await()
          .atMost(WAIT)
          .until(() -> ownedRows("NAT") == 0 && ownedRows("Logical_Router_Policy") == 0);
    }
  }

  @Test
  void anEipClaimedTwiceGoesToTheEarlierPodAndIsHandedOverWhenItLeaves() {
    try (Controller c = ControllerHarness.start(ovn, client)) {
      ControllerHarness.pod(
          ovn,
          client,
          "a-first",
          "10.16.0.2",
          "00:00:00:00:00:02",
          Map.of("ovn.kubernetes.io/eip", "172.56.0.233"));
      await().atMost(WAIT).until(() -> routed("a-first"));
      ControllerHarness.pod(
          ovn,
          client,
          "b-second",
          "10.16.0.3",
          "00:00:00:00:00:03",
          Map.of("ovn.kubernetes.io/eip", "172.56.0.233"));
      await()
          .atMost(WAIT)
          .until(
              () ->
                  !ControllerHarness.events(client, "default", "b-second", "EIPConflict")
                      .isEmpty());
      await().atMost(WAIT).until(() -> condition("b-second").equals("False"));
      assertThat(routed("b-second")).isFalse();
      assertThat(natList())
          .containsPattern("172\\.56\\.0\\.233\\s+10\\.16\\.0\\.2")
          .doesNotContain("10.16.0.3");

      client.pods().inNamespace("default").withName("a-first").delete();
      await().atMost(WAIT).until(() -> routed("b-second"));
      assertThat(natList()).containsPattern("172\\.56\\.0\\.233\\s+10\\.16\\.0\\.3");
    }
  }

  @Test
  void anEipUsedAsSomePodsSnatAddressIsAConflict() {
    try (Controller c = ControllerHarness.start(ovn, client)) {
      ControllerHarness.pod(
          ovn,
          client,
          "a-snat",
          "10.16.0.2",
          "00:00:00:00:00:02",
          Map.of("ovn.kubernetes.io/snat", "172.56.0.200"));
      ControllerHarness.pod(
          ovn,
          client,
          "a-snat2",
          "10.16.0.4",
          "00:00:00:00:00:04",
          Map.of("ovn.kubernetes.io/snat", "172.56.0.200"));
      await().atMost(WAIT).until(() -> routed("a-snat") && routed("a-snat2"));
      ControllerHarness.pod(
          ovn,
          client,
          "b-eip",
          "10.16.0.3",
          "00:00:00:00:00:03",
          Map.of("ovn.kubernetes.io/eip", "172.56.0.200"));
      await()
          .atMost(WAIT)
          .until(
              () -> !ControllerHarness.events(client, "default", "b-eip", "EIPConflict").isEmpty());
      assertThat(natList()).doesNotContain("dnat_and_snat");
    }
  }

  @Test
  void badAddressesAreRefusedWithAnEventAndDoNotAffectOtherPods() {
    try (Controller c = ControllerHarness.start(ovn, client)) {
      ControllerHarness.pod(
          ovn,
          client,
          "good",
          "10.16.0.2",
          "00:00:00:00:00:02",
          Map.of("ovn.kubernetes.io/eip", "172.56.0.233"));
      ControllerHarness.pod(
          ovn,
          client,
          "garbage",
          "10.16.0.3",
          "00:00:00:00:00:03",
          Map.of("ovn.kubernetes.io/eip", "172.56.0.x"));
      ControllerHarness.pod(
          ovn,
          client,
          "nic-ip",
          "10.16.0.4",
          "00:00:00:00:00:04",
          Map.of("ovn.kubernetes.io/eip", "172.56.0.254"));
      ControllerHarness.pod(
          ovn,
          client,
          "gw-ip",
          "10.16.0.5",
          "00:00:00:00:00:05",
          Map.of("ovn.kubernetes.io/snat", "172.56.0.1"));
      ControllerHarness.pod(
          ovn,
          client,
          "outside",
          "10.16.0.6",
          "00:00:00:00:00:06",
          Map.of("ovn.kubernetes.io/eip", "192.168.7.7"));
      ControllerHarness.pod(
          ovn,
          client,
          "family",
          "10.16.0.7",
          "00:00:00:00:00:07",
          Map.of("ovn.kubernetes.io/eip", "fd00::7"));
      await().atMost(WAIT).until(() -> routed("good"));
      for (String bad : new String[] {"garbage", "nic-ip", "gw-ip", "outside", "family"}) {
        await()
            .atMost(WAIT)
            .until(
                () ->
                    !ControllerHarness.events(client, "default", bad, "InvalidAnnotation")
                        .isEmpty());
        assertThat(routed(bad)).as(bad).isFalse();
      }
      assertThat(ownedRows("NAT")).isEqualTo(1);
    }
  }

  @Test
  void dualStackPairsFamilies() {
    Map<String, String> config = new HashMap<>(SEED_CONFIG);
    config.put("external-gw-addr", "172.56.0.1/16,fd00:56::1/64");
    config.put("nic-ip", "172.56.0.254/16,fd00:56::fe/64");
    ControllerHarness.configMap(client, config);
    try (Controller c = ControllerHarness.start(ovn, client)) {
      ControllerHarness.pod(
          ovn,
          client,
          "ds",
          "10.16.0.2,fd00:10:16::2",
          "00:00:00:00:00:02",
          Map.of("ovn.kubernetes.io/eip", "172.56.0.233,fd00:56::233"));
      await().atMost(WAIT).until(() -> routed("ds"));
      assertThat(natList())
          .containsPattern("172\\.56\\.0\\.233\\s+10\\.16\\.0\\.2")
          .containsPattern("fd00:56::233\\s+fd00:10:16::2");
      String policies = ovn.nbctl("lr-policy-list", "ovn-cluster");
      assertThat(policies)
          .contains("ip4.src == 10.16.0.2")
          .contains("ip6.src == fd00:10:16::2")
          .contains("fd00:56::1");
      assertThat(block(ovn.nbctl("show"), "port ovn-cluster-external"))
          .contains("172.56.0.254/16")
          .contains("fd00:56::fe/64");
    }
  }

  @Test
  void distributedEipCarriesLogicalPortAndExternalMac() {
    Map<String, String> config = new HashMap<>(SEED_CONFIG);
    config.put("type", "distributed");
    config.remove("external-gw-nodes");
    ControllerHarness.configMap(client, config);
    try (Controller c = ControllerHarness.start(ovn, client)) {
      seedEipPod();
      await().atMost(WAIT).until(() -> routed("pod-eip"));
      String row =
          ovn.nbctl(
              "--bare",
              "--columns=logical_port,external_mac,options",
              "find",
              "NAT",
              "external_ip=172.56.0.233");
      assertThat(row)
          .contains("pod-eip.default")
          .contains("00:00:00:00:00:03")
          .contains("stateless=true");
    }
  }

  @Test
  void disablingTheGatewayRemovesPodRowsAndEnablingRestoresThem() {
    try (Controller c = ControllerHarness.start(ovn, client)) {
      seedEipPod();
      await().atMost(WAIT).until(() -> routed("pod-eip"));
      Map<String, String> off = new HashMap<>(SEED_CONFIG);
      off.put("enable-external-gw", "false");
      ControllerHarness.configMap(client, off);
      await().atMost(WAIT).until(() -> ownedRows("NAT") == 0 && applied("pod-eip") == null);
      assertThat(routed("pod-eip")).isTrue(); // never removed (docs/behaviour.md §5)
      // The Event follows the annotations' write: wait for the Event too.
      await()
          .atMost(WAIT)
          .until(
              () ->
                  !ControllerHarness.events(client, "default", "pod-eip", "GatewayDisabled")
                      .isEmpty());
      ControllerHarness.configMap(client, SEED_CONFIG);
      await()
          .atMost(WAIT)
          .until(() -> ownedRows("NAT") == 1 && "eip=172.56.0.233".equals(applied("pod-eip")));
    }
  }

  @Test
  void podsDeletedWhileTheControllerWasDownLoseTheirRowsAtStart() {
    try (Controller c = ControllerHarness.start(ovn, client)) {
      ControllerHarness.pod(
          ovn,
          client,
          "gone",
          "10.16.0.3",
          "00:00:00:00:00:03",
          Map.of("ovn.kubernetes.io/eip", "172.56.0.233"));
      ControllerHarness.pod(
          ovn,
          client,
          "stays",
          "10.16.0.4",
          "00:00:00:00:00:04",
          Map.of("ovn.kubernetes.io/snat", "172.56.0.200"));
      await().atMost(WAIT).until(() -> routed("gone") && routed("stays"));
    }
    client.pods().inNamespace("default").withName("gone").delete();
    try (Controller c = ControllerHarness.start(ovn, client)) {
      await().atMost(WAIT).until(() -> !natList().contains("172.56.0.233"));
      assertThat(natList()).contains("172.56.0.200");
    }
  }

  @Test
  void routedRemovedByHandAloneIsSetAgainWithoutAnNbWrite() {
    try (Controller c = ControllerHarness.start(ovn, client)) {
      seedEipPod();
      await().atMost(WAIT).until(() -> routed("pod-eip"));
      await().atMost(WAIT).until(c::idle);
      double written = c.metrics().transactions.get();

      removeAnnotation("pod-eip", "ovn.kubernetes.io/routed");

      await().atMost(WAIT).until(() -> routed("pod-eip"));
      await().atMost(WAIT).until(c::idle);
      assertThat(c.metrics().transactions.get()).isEqualTo(written);
      assertThat(ownedRows("NAT")).isEqualTo(1);
    }
  }

  @Test
  void aRestartOverSettledPodsWritesNothingAndRecordsNoEventAgain() {
    try (Controller c = ControllerHarness.start(ovn, client)) {
      seedEipPod();
      await().atMost(WAIT).until(() -> routed("pod-eip"));
      await()
          .atMost(WAIT)
          .until(
              () ->
                  !ControllerHarness.events(client, "default", "pod-eip", "EIPApplied").isEmpty());
      await().atMost(WAIT).until(c::idle);
    }
    String version = pod("pod-eip").getMetadata().getResourceVersion();
    int recorded = ControllerHarness.events(client, "default", "pod-eip", "EIPApplied").size();

    try (Controller again = ControllerHarness.start(ovn, client)) {
      await().atMost(WAIT).until(again::idle);
      assertThat(pod("pod-eip").getMetadata().getResourceVersion()).isEqualTo(version);
      assertThat(ControllerHarness.events(client, "default", "pod-eip", "EIPApplied"))
          .hasSize(recorded);
      assertThat(again.metrics().transactions.get()).isZero();
    }
  }

  @Test
  void aRestartBetweenTheNbWriteAndTheStatusPatchEndsTheStatusWithoutWritingAgain() {
    try (Controller c = ControllerHarness.start(ovn, client)) {
      seedEipPod();
      await().atMost(WAIT).until(() -> routed("pod-eip"));
      await().atMost(WAIT).until(c::idle);
    }
    // As if the controller died after the NB commit and before patching the annotations.
    removeAnnotation("pod-eip", "ovn-eip.io/applied");
    removeAnnotation("pod-eip", "ovn.kubernetes.io/routed");
    try (Controller again = ControllerHarness.start(ovn, client)) {
      await()
          .atMost(WAIT)
          .until(() -> routed("pod-eip") && "eip=172.56.0.233".equals(applied("pod-eip")));
      await().atMost(WAIT).until(again::idle);
      assertThat(again.metrics().transactions.get()).isZero();
      assertThat(ownedRows("NAT")).isEqualTo(1);
    }
  }

  @Test
  void aPodDeletedRightAfterItsCreationLeavesNoRow() {
    try (Controller c = ControllerHarness.start(ovn, client)) {
      for (int i = 0; i < 5; i++) {
        ControllerHarness.pod(
            ovn,
            client,
            "flash-" + i,
            "10.16.0." + (10 + i),
            "00:00:00:00:01:0" + i,
            Map.of("ovn.kubernetes.io/eip", "172.56.1." + (10 + i)));
        client.pods().inNamespace("default").withName("flash-" + i).delete();
      }
      ControllerHarness.pod(
          ovn,
          client,
          "marker",
          "10.16.0.99",
          "00:00:00:00:00:99",
          Map.of("ovn.kubernetes.io/snat", "172.56.0.200"));
      await().atMost(WAIT).until(() -> routed("marker"));
      await().atMost(WAIT).until(c::idle);
      assertThat(ownedRows("NAT")).isEqualTo(1);
      assertThat(ownedRows("Logical_Router_Policy")).isEqualTo(1);
    }
  }

  @Test
  void aColdStartOverManyAnnotatedPodsWritesThemInAFewTransactions() {
    int n = 200;
    for (int i = 0; i < n; i++) {
      String ip = "10.16." + (1 + i / 200) + "." + (2 + i % 200);
      String mac = String.format("00:00:00:01:%02x:%02x", i / 256, i % 256); // unicast, never zero
      Map<String, String> ask =
          i % 2 == 0
              ? Map.of("ovn.kubernetes.io/eip", "172.56." + (10 + i / 200) + "." + (2 + i % 200))
              : Map.of("ovn.kubernetes.io/snat", "172.56.0.200");
      ControllerHarness.pod(ovn, client, "many-" + i, ip, mac, ask);
    }
    try (Controller c = ControllerHarness.start(ovn, client)) {
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> ownedRows("NAT") == n && ownedRows("Logical_Router_Policy") == n);
      await().atMost(Duration.ofSeconds(90)).until(c::idle);
      // The gateway and every pod: a handful of batches, not one transaction per pod.
      assertThat(c.metrics().transactions.get()).isLessThanOrEqualTo(3);
    }
  }

  @Test
  void aNatRowDeletedByHandComesBack() {
    try (Controller c = ControllerHarness.start(ovn, client)) {
      seedEipPod();
      await().atMost(WAIT).until(() -> routed("pod-eip"));
      ovn.nbctl("lr-nat-del", "ovn-cluster", "dnat_and_snat", "172.56.0.233");
      await().atMost(WAIT).until(() -> natList().contains("172.56.0.233"));
    }
  }

  private String natList() {
    return ovn.nbctl("lr-nat-list", "ovn-cluster");
  }

  private int ownedRows(String table) {
    String uuids =
        ovn.nbctl("--bare", "--columns=_uuid", "find", table, "external_ids:vendor=ovn-eip").trim();
    return uuids.isEmpty() ? 0 : uuids.split("\\s+").length;
  }

  /** The seed's pod-eip: EIP 172.56.0.233 on pod IP 10.16.0.3. */
  private void seedEipPod() {
    ControllerHarness.pod(
        ovn,
        client,
        "pod-eip",
        "10.16.0.3",
        "00:00:00:00:00:03",
        Map.of("ovn.kubernetes.io/eip", "172.56.0.233"));
  }

  private Pod pod(String name) {
    return client.pods().inNamespace("default").withName(name).get();
  }

  private boolean routed(String pod) {
    Pod p = pod(pod);
    return p != null
        && p.getMetadata().getAnnotations() != null
        && "true".equals(p.getMetadata().getAnnotations().get("ovn.kubernetes.io/routed"));
  }

  /** Our annotation {@code ovn-eip.io/applied}, null when absent. */
  private String applied(String pod) {
    Pod p = pod(pod);
    return p == null || p.getMetadata().getAnnotations() == null
        ? null
        : p.getMetadata().getAnnotations().get("ovn-eip.io/applied");
  }

  private String condition(String pod) {
    Pod p = pod(pod);
    return p.getStatus().getConditions().stream()
        .filter(c -> c.getType().equals("ovn-eip.io/ready"))
        .map(c -> c.getStatus())
        .findFirst()
        .orElse("");
  }

  private void annotate(String pod, String key, String value) {
    String path = "/metadata/annotations/" + key.replace("~", "~0").replace("/", "~1");
    client
        .pods()
        .inNamespace("default")
        .withName(pod)
        .patch(
            PatchContext.of(PatchType.JSON),
            "[{\"op\":\"add\",\"path\":\"" + path + "\",\"value\":\"" + value + "\"}]");
  }

  private void removeAnnotation(String pod, String key) {
    Pod p = client.pods().inNamespace("default").withName(pod).get();
    if (p.getMetadata().getAnnotations().containsKey(key)) {
      String path = "/metadata/annotations/" + key.replace("~", "~0").replace("/", "~1");
      client
          .pods()
          .inNamespace("default")
          .withName(pod)
          .patch(
              PatchContext.of(PatchType.JSON), "[{\"op\":\"remove\",\"path\":\"" + path + "\"}]");
    }
  }

  private static String block(String show, String header) {
    return GatewayIT.block(show, header);
  }
}

package io.ovneip.controller.it;

import static io.ovneip.controller.it.ControllerHarness.SEED_CONFIG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.ovneip.controller.Controller;
import io.ovneip.testkit.OvsdbServer;
import io.ovneip.testkit.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, "Failures stay local" (docs/behaviour.md §9.2): a transaction the real ovsdb-server
 * refuses fails only the owners whose rows it refuses; they are quarantined (an Event on their pod
 * or on the ConfigMap, the gauge {@code ovn_eip_quarantined_owners}) and retried with backoff while
 * every other owner goes ahead, and they recover once the obstacle is gone.
 *
 * <p>How the server is made to refuse one owner deterministically: the rows the controller writes
 * never break OVN's own schema (the model checks every name index it knows and every foreign
 * claimant first), so this test's Northbound server runs OVN's schema with two more unique indexes,
 * rules OVN's own tools keep for their rows: NAT (type, logical_ip), which {@code ovn-nbctl
 * lr-nat-add} enforces for a SNAT, and Gateway_Chassis (chassis_name). A foreign row placed with
 * the real {@code ovn-nbctl} then makes the server refuse exactly one owner's insert ("constraint
 * violation"), as a row of another writer committed an instant before ours would in a real cluster.
 * The model does not treat these foreign rows as claimants, so nothing but the server stops the
 * insert.
 */
class OwnerQuarantineIT extends ControllerItBase {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String BAD_IP = "10.16.0.66";

  @TempDir Path tmp;

  @BeforeEach
  void stricterNorthbound() throws IOException {
    ovn.close();
    ovn = new OvnFixture(OvsdbServer.builder(stricterSchema(), Schema.NB.dbName()));
    ovn.withBaseTopology();
    ovn.withChassis("chassis-worker", "kube-ovn-worker");
    ControllerHarness.node(client, "kube-ovn-worker", "chassis-worker");
  }

  @Test
  void aPodWhoseRowsNbRefusesIsQuarantinedWhileEveryOtherPodIsApplied() {
    ControllerHarness.configMap(client, SEED_CONFIG);
    // Someone else's SNAT for the bad pod's IP (to another external IP: no claimant of ours).
    ovn.nbctl("lr-nat-add", "ovn-cluster", "snat", "172.56.0.250", BAD_IP);
    try (Controller c = ControllerHarness.start(ovn, client)) {
      await().atMost(WAIT).until(() -> ovn.nbctl("show").contains("ovn-cluster-external"));
      // The bad pod and good pods at once (one batch, as far as timing goes), then more good pods
      // after the refusal: neither must wait for the bad one.
      ControllerHarness.pod(
          ovn,
          client,
          "bad",
          BAD_IP,
          "00:00:00:00:00:66",
          Map.of("ovn.kubernetes.io/snat", "172.56.0.230"));
      for (int i = 1; i <= 3; i++) {
        goodPod(i);
      }
      await().atMost(WAIT).until(() -> !events("bad", "Quarantined").isEmpty());
      assertThat(events("bad", "Quarantined").get(0).getMessage()).contains("constraint violation");
      assertThat(c.metrics().quarantinedOwners.get()).isEqualTo(1.0);
      for (int i = 4; i <= 8; i++) {
        goodPod(i);
      }
      for (int i = 1; i <= 8; i++) {
        String pod = "good-" + i;
        await().atMost(WAIT).until(() -> "True".equals(condition(pod)));
        assertThat(applied(pod)).isEqualTo("eip=172.56.0." + (200 + i));
      }
      String nat = ovn.nbctl("lr-nat-list", "ovn-cluster");
      for (int i = 1; i <= 8; i++) {
        assertThat(nat).containsPattern("dnat_and_snat\\s+172\\.56\\.0\\." + (200 + i) + "\\s");
      }
      assertThat(nat).doesNotContain("172.56.0.230");
      // Its status does not claim what NB refused: condition False, reason Quarantined.
      await().atMost(WAIT).until(() -> "False".equals(condition("bad")));
      assertThat(reason("bad")).isEqualTo("Quarantined");
      assertThat(applied("bad")).isNull();
      assertThat(c.metrics().quarantinedOwners.get()).isEqualTo(1.0);

      // The obstacle goes: the bad pod's retry (backoff) commits, and it leaves quarantine.
      ovn.nbctl("lr-nat-del", "ovn-cluster", "snat", BAD_IP);
      await()
          .atMost(WAIT)
          .until(() -> ovn.nbctl("lr-nat-list", "ovn-cluster").contains("172.56.0.230"));
      await().atMost(WAIT).until(() -> "True".equals(condition("bad")));
      assertThat(applied("bad")).isEqualTo("snat=172.56.0.230");
      assertThat(c.metrics().quarantinedOwners.get()).isZero();
    }
  }

  @Test
  void aGatewayWhoseRowsNbRefusesIsQuarantinedOnTheConfigMapWhilePodsAreApplied() {
    // A foreign Gateway_Chassis for our chassis, on a router port not ours.
    ovn.nbctl("lr-add", "mg-foreign");
    ovn.nbctl("lrp-add", "mg-foreign", "mg-foreign-port", "00:00:00:00:01:01", "192.0.2.1/24");
    ovn.nbctl("lrp-set-gateway-chassis", "mg-foreign-port", "chassis-worker", "5");
    ControllerHarness.configMap(client, SEED_CONFIG);
    try (Controller c = ControllerHarness.start(ovn, client)) {
      for (int i = 1; i <= 3; i++) {
        goodPod(i);
      }
      await().atMost(WAIT).until(() -> !configMapEvents("Quarantined").isEmpty());
      assertThat(configMapEvents("Quarantined").get(0).getMessage())
          .contains("constraint violation");
      for (int i = 1; i <= 3; i++) {
        String pod = "good-" + i;
        String eip = "172.56.0." + (200 + i);
        await().atMost(WAIT).until(() -> ovn.nbctl("lr-nat-list", "ovn-cluster").contains(eip));
        await().atMost(WAIT).until(() -> "True".equals(condition(pod)));
      }
      assertThat(ovn.nbctl("--bare", "--columns=name", "list", "Logical_Router_Port"))
          .doesNotContain("ovn-cluster-external");
      assertThat(c.metrics().quarantinedOwners.get()).isEqualTo(1.0);

      ovn.nbctl("lrp-del-gateway-chassis", "mg-foreign-port", "chassis-worker");
      await()
          .atMost(WAIT)
          .ignoreExceptions()
          .until(
              () ->
                  ovn.nbctl("lrp-get-gateway-chassis", "ovn-cluster-external")
                      .contains("chassis-worker"));
      await().atMost(WAIT).until(() -> c.metrics().quarantinedOwners.get() == 0.0);
      assertThat(ovn.nbctl("--bare", "--columns=name", "list", "Logical_Router"))
          .contains("mg-foreign");
    }
  }

  private void goodPod(int i) {
    ControllerHarness.pod(
        ovn,
        client,
        "good-" + i,
        "10.16.0." + (10 + i),
        String.format("00:00:00:00:00:%02x", 10 + i),
        Map.of("ovn.kubernetes.io/eip", "172.56.0." + (200 + i)));
  }

  /**
   * OVN's NB schema plus the two unique indexes described above, edited as text (the file's layout
   * is Debian's: a table opens with {@code "Name": {}, its indexes are one line).
   */
  private Path stricterSchema() throws IOException {
    String schema = Files.readString(Schema.NB.file());
    schema = afterFirst(schema, "\"NAT\": {", " \"indexes\": [[\"type\", \"logical_ip\"]],");
    int gatewayChassis = schema.indexOf("\"Gateway_Chassis\": {");
    int indexes = schema.indexOf("\"indexes\": [", gatewayChassis);
    assertThat(gatewayChassis).isPositive();
    assertThat(indexes).isGreaterThan(gatewayChassis);
    int at = indexes + "\"indexes\": [".length();
    schema = schema.substring(0, at) + "[\"chassis_name\"], " + schema.substring(at);
    Path file = tmp.resolve("ovn-nb-stricter.ovsschema");
    Files.writeString(file, schema);
    return file;
  }

  private static String afterFirst(String text, String marker, String insert) {
    int i = text.indexOf(marker);
    assertThat(i).as(marker).isNotNegative();
    int at = i + marker.length();
    return text.substring(0, at) + insert + text.substring(at);
  }

  private List<Event> events(String pod, String reason) {
    return ControllerHarness.events(client, "default", pod, reason);
  }

  private List<Event> configMapEvents(String reason) {
    return ControllerHarness.events(client, "kube-system", "ovn-external-gw-config", reason);
  }

  private Pod pod(String name) {
    return client.pods().inNamespace("default").withName(name).get();
  }

  private String applied(String name) {
    Pod p = pod(name);
    return p == null || p.getMetadata().getAnnotations() == null
        ? null
        : p.getMetadata().getAnnotations().get("ovn-eip.io/applied");
  }

  private String reason(String name) {
    return pod(name).getStatus().getConditions().stream()
        .filter(c -> c.getType().equals("ovn-eip.io/ready"))
        .map(c -> c.getReason())
        .findFirst()
        .orElse("");
  }

  private String condition(String name) {
    Pod p = pod(name);
    if (p == null || p.getStatus() == null || p.getStatus().getConditions() == null) {
      return "";
    }
    return p.getStatus().getConditions().stream()
        .filter(c -> c.getType().equals("ovn-eip.io/ready"))
        .map(c -> c.getStatus())
        .findFirst()
        .orElse("");
  }
}

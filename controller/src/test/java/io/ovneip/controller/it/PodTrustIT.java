package io.ovneip.controller.it;

import static io.ovneip.controller.it.ControllerHarness.SEED_CONFIG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.ovneip.controller.Controller;
import io.ovneip.model.input.Annotations;
import io.ovneip.testkit.KubeOvnBaseTopology;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, "Only real pods" and "A status that never lies" (docs/behaviour.md §2.3, §5): a pod's
 * IP is trusted only through its Logical_Switch_Port on a subnet of the cluster router; pods of
 * other VPCs and underlay subnets are ignored; whenever a pod's rows are removed or not written its
 * condition is False with the reason at once; every message is one bounded line; a pod being
 * deleted loses its rows when its grace period is over, even if a finalizer keeps it.
 */
class PodTrustIT extends ControllerItBase {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Map<String, String> EIP = Map.of("ovn.kubernetes.io/eip", "172.56.0.233");

  @BeforeEach
  void setUp() {
    ovn.withChassis("chassis-worker", "kube-ovn-worker");
    ControllerHarness.node(client, "kube-ovn-worker", "chassis-worker");
    ControllerHarness.configMap(client, SEED_CONFIG);
  }

  /** Situation 4: a pod whose phase becomes Succeeded loses its rows and its True condition. */
  @Test
  void aFinishedPodsConditionTurnsFalse() {
    try (Controller c = ControllerHarness.start(ovn, client)) {
      ControllerHarness.pod(ovn, client, "job", "10.16.0.3", "00:00:00:00:00:03", EIP);
      await().atMost(WAIT).until(() -> "True".equals(status("job")));

      client
          .pods()
          .inNamespace("default")
          .withName("job")
          .subresource("status")
          .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"phase\":\"Succeeded\"}}");
      await().atMost(WAIT).until(() -> !natList().contains("172.56.0.233"));
      await().atMost(WAIT).until(() -> "False".equals(status("job")));
      assertThat(reason("job")).isEqualTo("Terminated");
    }
  }

  /** A pod whose IP goes away (not ready any more) shows False, not its old True. */
  @Test
  void aPodThatIsNoLongerReadyShowsFalse() {
    try (Controller c = ControllerHarness.start(ovn, client)) {
      ControllerHarness.pod(ovn, client, "flaky", "10.16.0.3", "00:00:00:00:00:03", EIP);
      await().atMost(WAIT).until(() -> "True".equals(status("flaky")));
      client
          .pods()
          .inNamespace("default")
          .withName("flaky")
          .patch(
              PatchContext.of(PatchType.JSON),
              "[{\"op\":\"remove\",\"path\":\"/metadata/annotations/ovn.kubernetes.io~1ip_address\"}]");
      await().atMost(WAIT).until(() -> !natList().contains("172.56.0.233"));
      await().atMost(WAIT).until(() -> "False".equals(status("flaky")));
      assertThat(reason("flaky")).isEqualTo("NotReady");
    }
  }

  /** A 300 KB annotation yields one Event and one condition of at most 1,024 bytes, one line. */
  @Test
  void messagesAreOneLineOfAtMostOneKibibyte() {
    String huge = "172.56.0.9\n" + "x".repeat(300_000) + "\r\n\u0007end";
    try (Controller c = ControllerHarness.start(ovn, client)) {
      ControllerHarness.pod(
          ovn,
          client,
          "huge",
          "10.16.0.3",
          "00:00:00:00:00:03",
          Map.of("ovn.kubernetes.io/eip", huge));
      await().atMost(WAIT).until(() -> !events("huge", "InvalidAnnotation").isEmpty());
      await().atMost(WAIT).until(() -> "False".equals(status("huge")));
      String event = events("huge", "InvalidAnnotation").get(0).getMessage();
      String condition = condition("huge").orElseThrow().getMessage();
      for (String m : List.of(event, condition)) {
        assertThat(m.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
        assertThat(m).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u0007");
        // The 300 KB value is cut where it is quoted, so the message still names the problem.
        assertThat(m).contains("172.56.0.9 xxx").contains("is not one IP address");
      }
    }
  }

  /** Annotations alone are no proof: nothing is written until NB holds the pod's port. */
  @Test
  void aPodWithoutItsPortWaitsUntilThePortAppears() {
    try (Controller c = ControllerHarness.start(ovn, client)) {
      ControllerHarness.podWithoutPort(client, "early", "10.16.0.3", "00:00:00:00:00:03", EIP);
      await().atMost(WAIT).until(() -> "PortNotFound".equals(reason("early")));
      assertThat(status("early")).isEqualTo("False");
      assertThat(condition("early").orElseThrow().getMessage()).contains("early.default");
      assertThat(natList()).doesNotContain("172.56.0.233");

      ovn.nbctl(
          KubeOvnBaseTopology.podPortArgs("default", "early", "00:00:00:00:00:03", "10.16.0.3")
              .toArray(String[]::new));
      await().atMost(WAIT).until(() -> "True".equals(status("early")));
      assertThat(natList()).containsPattern("172\\.56\\.0\\.233\\s+10\\.16\\.0\\.3");
    }
  }

  /** A pod claiming an IP its port does not hold gets nothing (someone else's IP, say). */
  @Test
  void aPodWhosePortHoldsAnotherIpIsNotTrusted() {
    ovn.nbctl(
        KubeOvnBaseTopology.podPortArgs("default", "liar", "00:00:00:00:00:09", "10.16.0.9")
            .toArray(String[]::new));
    try (Controller c = ControllerHarness.start(ovn, client)) {
      ControllerHarness.podWithoutPort(client, "liar", "10.16.0.3", "00:00:00:00:00:09", EIP);
      await().atMost(WAIT).until(() -> "PortMismatch".equals(reason("liar")));
      assertThat(condition("liar").orElseThrow().getMessage()).contains("10.16.0.3");
      await().atMost(WAIT).until(c::idle);
      assertThat(natList()).doesNotContain("172.56.0.233");
      assertThat(ovn.nbctl("lr-policy-list", "ovn-cluster")).doesNotContain("10.16.0.3");
    }
  }

  /** Pods on another VPC's subnet or on an underlay (VLAN) subnet are ignored, with a reason. */
  @Test
  void podsOfOtherVpcsAndUnderlaySubnetsAreIgnored() {
    // Another VPC: router vpc2 with subnet vpc2-net; an underlay subnet on the cluster router.
    ovn.nbctl(
        "lr-add",
        "vpc2",
        "--",
        "ls-add",
        "vpc2-net",
        "--",
        "lrp-add",
        "vpc2",
        "vpc2-vpc2-net",
        "00:00:00:bb:00:01",
        "10.20.0.1/16",
        "--",
        "lsp-add",
        "vpc2-net",
        "vpc2-net-vpc2",
        "--",
        "lsp-set-type",
        "vpc2-net-vpc2",
        "router",
        "--",
        "lsp-set-addresses",
        "vpc2-net-vpc2",
        "router",
        "--",
        "lsp-set-options",
        "vpc2-net-vpc2",
        "router-port=vpc2-vpc2-net",
        "--",
        "lsp-add",
        "vpc2-net",
        "other.default",
        "--",
        "lsp-set-addresses",
        "other.default",
        "00:00:00:00:00:04 10.20.0.4");
    ovn.nbctl(
        "ls-add",
        "vlan-net",
        "--",
        "lrp-add",
        "ovn-cluster",
        "ovn-cluster-vlan-net",
        "00:00:00:cc:00:01",
        "10.30.0.1/16",
        "--",
        "lsp-add",
        "vlan-net",
        "vlan-net-ovn-cluster",
        "--",
        "lsp-set-type",
        "vlan-net-ovn-cluster",
        "router",
        "--",
        "lsp-set-addresses",
        "vlan-net-ovn-cluster",
        "router",
        "--",
        "lsp-set-options",
        "vlan-net-ovn-cluster",
        "router-port=ovn-cluster-vlan-net",
        "--",
        "lsp-add",
        "vlan-net",
        "localnet.vlan-net",
        "--",
        "lsp-set-type",
        "localnet.vlan-net",
        "localnet",
        "--",
        "lsp-set-addresses",
        "localnet.vlan-net",
        "unknown",
        "--",
        "lsp-add",
        "vlan-net",
        "vlan.default",
        "--",
        "lsp-set-addresses",
        "vlan.default",
        "00:00:00:00:00:05 10.30.0.5");
    try (Controller c = ControllerHarness.start(ovn, client)) {
      ControllerHarness.podWithoutPort(client, "other", "10.20.0.4", "00:00:00:00:00:04", EIP);
      ControllerHarness.podWithoutPort(
          client,
          "vlan",
          "10.30.0.5",
          "00:00:00:00:00:05",
          Map.of("ovn.kubernetes.io/snat", "172.56.0.200"));
      await().atMost(WAIT).until(() -> "NotInClusterNetwork".equals(reason("other")));
      await().atMost(WAIT).until(() -> "NotInClusterNetwork".equals(reason("vlan")));
      assertThat(condition("other").orElseThrow().getMessage()).contains("vpc2-net");
      assertThat(condition("vlan").orElseThrow().getMessage()).contains("underlay");
      await().atMost(WAIT).until(c::idle);
      assertThat(natList()).doesNotContain("172.56.0.233").doesNotContain("172.56.0.200");
    }
  }

  /** A pod being deleted loses its rows when its grace period is over, finalizer or not. */
  @Test
  void aPodBeingDeletedLosesItsRowsWhenItsGracePeriodIsOver() {
    try (Controller c = ControllerHarness.start(ovn, client)) {
      ControllerHarness.pod(ovn, client, "slow", "10.16.0.3", "00:00:00:00:00:03", EIP);
      await().atMost(WAIT).until(() -> "True".equals(status("slow")));
      client
          .pods()
          .inNamespace("default")
          .withName("slow")
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              "{\"metadata\":{\"finalizers\":[\"example.com/keep\"]}}");
      // What the API server writes on a graceful delete of a pod a finalizer keeps.
      Instant deletion = Instant.now().plusSeconds(2);
      client
          .pods()
          .inNamespace("default")
          .withName("slow")
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              "{\"metadata\":{\"deletionTimestamp\":\""
                  + deletion.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                  + "\",\"deletionGracePeriodSeconds\":4}}");
      Instant deadline = deletion.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(4);
      await().atMost(WAIT).until(c::idle);
      assertThat(natList()).as("inside the grace period").contains("172.56.0.233");

      await().atMost(WAIT).until(() -> !natList().contains("172.56.0.233"));
      assertThat(Instant.now()).isAfterOrEqualTo(deadline);
      assertThat(client.pods().inNamespace("default").withName("slow").get())
          .as("kept by its finalizer")
          .isNotNull();
      await().atMost(WAIT).until(() -> "False".equals(status("slow")));
      assertThat(reason("slow")).isEqualTo("Terminated");
    }
  }

  private List<Event> events(String pod, String reason) {
    return ControllerHarness.events(client, "default", pod, reason);
  }

  private String natList() {
    return ovn.nbctl("lr-nat-list", "ovn-cluster");
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

package io.ovneip.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ovneip.sandbox.exec.CommandResult;
import io.ovneip.sandbox.exec.CommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's four situations, tried as a new user would in one {@code sandbox up}: only {@code
 * kubectl} and {@code ovn-nbctl} through {@code DIR/env} (docs/behaviour.md §9.1, §3, §4.5, §5.2).
 * Each was wrong before issue 13; each test shows it fixed. The gateway is enabled once for all;
 * disabling it (situation 2) comes last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxSafetyIT {
  private static final Duration CALL = Duration.ofSeconds(30);
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String LEASE = "kubectl get lease -n kube-system ovn-eip-controller";
  private static final String GATEWAY =
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: ovn-external-gw-config, namespace: kube-system}
      data:
        enable-external-gw: "%s"
        external-gw-nodes: "kube-ovn-worker"
        external-gw-nic: "eth1"
        external-gw-addr: "172.56.0.1/16"
        nic-ip: "172.56.0.254/16"
        nic-mac: "16:52:f3:13:6a:25"
      """;

  @TempDir static Path tmp;
  private static Path dir;
  private static CommandRunner shell;

  @BeforeAll
  static void up() throws IOException {
    dir = tmp.resolve("sb");
    CommandResult up =
        SandboxCli.run(Duration.ofMinutes(3), "sandbox", "up", "--dir", dir.toString());
    assertThat(up.exitCode()).as(up.output()).isZero();
    shell = new CommandRunner(SandboxUpDownIT.exports(dir.resolve("env")));
    apply("gateway.yaml", GATEWAY.formatted("true"));
    await()
        .atMost(WAIT)
        .until(() -> sh("ovn-nbctl --timeout=10 show").contains("localnet.external"));
  }

  @AfterAll
  static void down() {
    SandboxCli.downQuietly(dir);
  }

  /** Situation 3: a foreign dnat_and_snat for the address is a conflict; no second row. */
  @Test
  @Order(1)
  void aPodAskingForAnAddressOfAForeignNatRowGetsAConflictAndNoSecondRow() throws IOException {
    sh("ovn-nbctl --timeout=10 lr-nat-add ovn-cluster dnat_and_snat 172.56.0.240 10.16.250.250");
    apply("taker.yaml", pod("taker", "ovn.kubernetes.io/eip: 172.56.0.240"));
    await().atMost(WAIT).until(() -> eventsOf("taker").contains("EIPConflict"));
    assertThat(eventsOf("taker")).contains("172.56.0.240");
    assertThat(condition("taker")).startsWith("False");
    // Still exactly one row with that external IP: the foreign one, untouched.
    assertThat(natUuids("172.56.0.240")).hasSize(1);
    assertThat(sh("ovn-nbctl --timeout=10 lr-nat-list ovn-cluster"))
        .containsPattern("dnat_and_snat\\s+172\\.56\\.0\\.240\\s+10\\.16\\.250\\.250");

    // When the foreign row goes, the pod gets the address without anyone acting.
    sh("ovn-nbctl --timeout=10 lr-nat-del ovn-cluster dnat_and_snat 172.56.0.240");
    await().atMost(WAIT).until(() -> condition("taker").startsWith("True"));
    assertThat(natUuids("172.56.0.240")).hasSize(1);
    sh("kubectl delete pod taker");
  }

  /** Situation 4: a pod that finished loses its rows and its condition goes False. */
  @Test
  @Order(2)
  void aSucceededPodsConditionGoesFalse() throws IOException {
    apply("finisher.yaml", pod("finisher", "ovn.kubernetes.io/eip: 172.56.0.241"));
    await().atMost(WAIT).until(() -> condition("finisher").startsWith("True"));
    assertThat(natUuids("172.56.0.241")).hasSize(1);

    sh(
        "kubectl patch pod finisher --subresource=status --type=merge"
            + " -p '{\"status\":{\"phase\":\"Succeeded\"}}'");
    await().atMost(WAIT).until(() -> condition("finisher").startsWith("False"));
    await().atMost(WAIT).until(() -> natUuids("172.56.0.241").isEmpty());
    sh("kubectl delete pod finisher");
  }

  /**
   * Situation 1: another identity holds the Lease for a while (kubectl renews it in its name), then
   * lets it expire: the controller takes it back and handles a pod annotated afterwards.
   */
  @Test
  @Order(3)
  void aLeaseHeldByAnotherIdentityAndThenReleasedIsTakenBack() throws IOException {
    String us = holder();
    assertThat(us).startsWith("sandbox-controller-");
    // The intruder renews every 2 s, as a holder does, for longer than the renew deadline (10 s):
    // our controller cannot renew and stops leading.
    Instant until = Instant.now().plusSeconds(16);
    while (Instant.now().isBefore(until)) {
      sh(
          "kubectl patch lease -n kube-system ovn-eip-controller --type=merge -p"
              + " '{\"spec\":{\"holderIdentity\":\"mg-intruder\",\"leaseDurationSeconds\":15,"
              + "\"renewTime\":\""
              + microTime(Instant.now())
              + "\"}}'");
      sleep(Duration.ofSeconds(2));
    }
    assertThat(holder()).isEqualTo("mg-intruder");
    assertThat(sh("curl -s --max-time 10 \"$OVN_EIP_METRICS_URL\"")).contains("ovn_eip_leader 0.0");

    // The intruder stops renewing: its Lease expires after 15 s and ours is taken back.
    await().atMost(WAIT).until(() -> holder().equals(us));
    apply("after.yaml", pod("after-lease", "ovn.kubernetes.io/eip: 172.56.0.242"));
    await().atMost(WAIT).until(() -> condition("after-lease").startsWith("True"));
    assertThat(natUuids("172.56.0.242")).hasSize(1);
    sh("kubectl delete pod after-lease");
  }

  /** Situation 2: a port added by hand to switch {@code external} survives disabling. */
  @Test
  @Order(4)
  void aHandMadePortOnSwitchExternalSurvivesDisablingTheGateway() throws IOException {
    sh("ovn-nbctl --timeout=10 lsp-add external mg-hand-port");
    apply("gateway-off.yaml", GATEWAY.formatted("false"));
    await()
        .atMost(WAIT)
        .until(
            () -> {
              String show = sh("ovn-nbctl --timeout=10 show");
              return !show.contains("localnet.external") && !show.contains("ovn-cluster-external");
            });
    assertThat(sh("ovn-nbctl --timeout=10 lsp-list external")).contains("mg-hand-port");
    await()
        .atMost(WAIT)
        .until(() -> sh("kubectl get events -n kube-system -o json").contains("ForeignRowsKept"));

    // Once the hand-made port goes, the controller finishes: the switch goes too.
    sh("ovn-nbctl --timeout=10 lsp-del mg-hand-port");
    await()
        .atMost(WAIT)
        .until(
            () ->
                !sh("ovn-nbctl --timeout=10 --bare --columns=name list Logical_Switch")
                    .contains("external"));
  }

  private static String pod(String name, String annotation) {
    return """
        apiVersion: v1
        kind: Pod
        metadata:
          name: %s
          annotations:
            %s
        spec:
          containers:
          - name: c
            image: docker.io/library/nginx:alpine
        """
        .formatted(name, annotation);
  }

  private static void apply(String file, String yaml) throws IOException {
    Path f = tmp.resolve(file);
    Files.writeString(f, yaml);
    sh("kubectl apply -f " + f);
  }

  /** The pod's condition {@code ovn-eip.io/ready}: status, a space, its reason ("" if none). */
  private static String condition(String pod) {
    return sh("kubectl get pod "
            + pod
            + " -o jsonpath='{range .status.conditions[?(@.type==\"ovn-eip.io/ready\")]}"
            + "{.status} {.reason}{end}'")
        .strip();
  }

  /** Every Event about the pod: reason and message, one a line. */
  private static String eventsOf(String pod) {
    return sh(
        "kubectl get events -o jsonpath='{range .items[?(@.involvedObject.name==\""
            + pod
            + "\")]}{.reason} {.message}{\"\\n\"}{end}'");
  }

  private static List<String> natUuids(String externalIp) {
    return sh("ovn-nbctl --timeout=10 --bare --columns=_uuid find NAT external_ip=" + externalIp)
        .lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty())
        .toList();
  }

  private static String holder() {
    return sh(LEASE + " -o jsonpath='{.spec.holderIdentity}'").strip();
  }

  private static String microTime(Instant t) {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
        .withZone(ZoneOffset.UTC)
        .format(t);
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs a command line through bash with the sandbox's env; fails on a non-zero exit. */
  private static String sh(String commandLine) {
    List<String> cmd = new ArrayList<>(List.of("bash", "-c", commandLine));
    CommandResult r = shell.run(CALL, cmd);
    return r.orThrow();
  }
}

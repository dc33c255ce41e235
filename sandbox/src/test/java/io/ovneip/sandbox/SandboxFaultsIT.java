package io.ovneip.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ovneip.sandbox.exec.CommandResult;
import io.ovneip.sandbox.exec.CommandRunner;
import io.ovneip.testkit.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sandbox up --nb-cluster 3 --controllers 2}, {@code sandbox fault} and {@code sandbox
 * check} from the command line, as documented: the controllers are processes of their own, NB is a
 * cluster named by a comma list, and check catches each kind of violation and passes again once the
 * controller repaired what can be repaired. In order: the faults first (nb-rollback before any
 * snapshot is refused), then the check's violations.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxFaultsIT {
  private static final Duration CALL = Duration.ofSeconds(90);

  @TempDir static Path tmp;
  private static Path dir;
  private static CommandRunner shell;

  @BeforeAll
  static void up() throws IOException {
    dir = tmp.resolve("sb");
    CommandResult up =
        SandboxCli.run(
            Duration.ofMinutes(4),
            "sandbox",
            "up",
            "--dir",
            dir.toString(),
            "--nb-cluster",
            "3",
            "--controllers",
            "2",
            "--timeout",
            "PT3M");
    assertThat(up.exitCode()).as(up.output()).isZero();
    shell = new CommandRunner(SandboxUpDownIT.exports(dir.resolve("env")));
  }

  @AfterAll
  static void down() {
    SandboxCli.downQuietly(dir);
  }

  @Test
  @Order(1)
  void clusteredNbAndTwoControllerProcessesCompetingForTheLease() throws IOException {
    Map<String, String> env = SandboxUpDownIT.exports(dir.resolve("env"));
    assertThat(env.get("OVN_NB_DB").split(",")).hasSize(3).allMatch(r -> r.startsWith("tcp:"));
    Map<String, Long> pids = PidRecords.read(new SandboxLayout(dir).pids());
    assertThat(pids)
        .containsKeys(
            "ovnnb_db-0", "ovnnb_db-1", "ovnnb_db-2", "controller-0", "controller-1", "daemon");
    assertThat(pids.get("controller-0")).isNotEqualTo(pids.get("daemon"));
    assertThat(List.of(pids.get("controller-0"), pids.get("controller-1")))
        .allMatch(Processes::alive);
    assertThat(
            sh(
                "kubectl get lease -n kube-system ovn-eip-controller"
                    + " -o jsonpath='{.spec.holderIdentity}'"))
        .matches("(?s)\\s*sandbox-controller-[01]\\s*");
  }

  @Test
  @Order(3)
  void checkFindsEachViolationAndTheControllerRepairsWhatItOwns() throws IOException {
    Path pods = tmp.resolve("pods.yaml");
    Files.writeString(
        pods,
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: ovn-external-gw-config, namespace: kube-system}
        data:
          enable-external-gw: "true"
          external-gw-nodes: "kube-ovn-worker"
          external-gw-nic: "eth1"
          external-gw-addr: "172.56.0.1/16"
          nic-ip: "172.56.0.254/16"
          nic-mac: "16:52:f3:13:6a:25"
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: checked-eip, annotations: {ovn.kubernetes.io/eip: 172.56.0.240}}
        spec: {containers: [{name: c, image: docker.io/library/nginx:alpine}]}
        """);
    sh("kubectl apply -f " + pods);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> check().exitCode() == 0 && natList().contains("172.56.0.240"));
    sh("ovn-nbctl lr-nat-add ovn-cluster dnat_and_snat 172.56.7.7 10.16.7.7");
    CommandResult recorded =
        SandboxCli.run(CALL, "sandbox", "check", "--dir", dir.toString(), "--record-foreign");
    assertThat(recorded.exitCode()).as(recorded.output()).isZero();
    assertThat(recorded.output()).contains("recorded");

    // With no controller running nothing repairs: every violation stays for check to see.
    CommandResult killed = fault("controller-kill", "--all");
    assertThat(killed.exitCode()).as(killed.output()).isZero();
    assertThat(killed.output())
        .contains("killed sandbox-controller-0", "killed sandbox-controller-1");
    sh("ovn-nbctl lr-nat-del ovn-cluster dnat_and_snat 172.56.0.240");
    sh("ovn-nbctl lr-nat-del ovn-cluster dnat_and_snat 172.56.7.7");
    sh("ovn-nbctl lr-nat-add ovn-cluster dnat_and_snat 172.56.0.241 10.16.0.99");
    // A second NAT row on the same external IP, which lr-nat-add would refuse.
    sh(
        "ovn-nbctl --id=@n create NAT type=dnat_and_snat external_ip=172.56.0.241"
            + " logical_ip=10.16.0.98 -- add Logical_Router ovn-cluster nat @n");
    CommandResult bad = check();
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.output())
        .contains(
            "VIOLATION missing owned row",
            "172.56.0.240",
            "VIOLATION foreign row gone: NAT type=dnat_and_snat external_ip=172.56.7.7",
            "VIOLATION external IP 172.56.0.241 in 2 non-SNAT NAT rows",
            "VIOLATION pod default/checked-eip shows ovn-eip.io/ready=True but");

    // The replicas back: the owned row is written again; the hand-made rows are not ours to fix.
    CommandResult started = fault("controller-start");
    assertThat(started.exitCode()).as(started.output()).isZero();
    assertThat(started.output())
        .contains("started sandbox-controller-0", "started sandbox-controller-1");
    await().atMost(Duration.ofSeconds(90)).until(() -> natList().contains("172.56.0.240"));
    sh("ovn-nbctl lr-nat-add ovn-cluster dnat_and_snat 172.56.7.7 10.16.7.7");
    sh("ovn-nbctl lr-nat-del ovn-cluster dnat_and_snat 172.56.0.241");
    await().atMost(Duration.ofSeconds(60)).until(() -> check().exitCode() == 0);
  }

  @Test
  @Order(2)
  void faultsFromTheCommandLine() {
    CommandResult list = SandboxCli.run(CALL, "sandbox", "fault", "--list");
    assertThat(list.output())
        .contains(
            "controller-kill",
            "controller-start",
            "nb-kill-leader",
            "nb-freeze",
            "nb-restart",
            "nb-snapshot",
            "nb-rollback",
            "api-drop-watches",
            "lease-steal");
    CommandResult rollbackFirst = fault("nb-rollback");
    assertThat(rollbackFirst.exitCode()).isEqualTo(1);
    assertThat(rollbackFirst.output()).contains("run the fault nb-snapshot first");
    assertThat(fault("nb-freeze").exitCode()).as("needs a duration").isEqualTo(2);
    assertThat(fault("no-such-fault").exitCode()).isEqualTo(2);

    CommandResult leader = fault("nb-kill-leader", "--down", "1");
    assertThat(leader.exitCode()).as(leader.output()).isZero();
    assertThat(leader.output()).contains("the RAFT leader", "with SIGKILL", "again after 1s");
    CommandResult freeze = fault("nb-freeze", "2");
    assertThat(freeze.output()).contains("SIGSTOP for 2s, then SIGCONT");
    assertThat(fault("api-drop-watches").output())
        .containsPattern("closed [1-9][0-9]* open watches");
    CommandResult steal = fault("lease-steal", "3");
    assertThat(steal.output()).contains("held the Lease kube-system/ovn-eip-controller");
    assertThat(fault("nb-snapshot").output()).contains("saved 3 NB database file(s)");
    assertThat(fault("nb-rollback").output()).contains("restored the snapshot's files");
    assertThat(fault("nb-restart").output()).contains("stopped and started 3 NB server(s)");
    await().atMost(Duration.ofSeconds(120)).until(() -> check().exitCode() == 0);
  }

  private static CommandResult fault(String... args) {
    String[] all = new String[args.length + 4];
    all[0] = "sandbox";
    all[1] = "fault";
    all[2] = "--dir";
    all[3] = dir.toString();
    System.arraycopy(args, 0, all, 4, args.length);
    return SandboxCli.run(CALL, all);
  }

  private static CommandResult check() {
    return SandboxCli.run(CALL, "sandbox", "check", "--dir", dir.toString());
  }

  private static String natList() {
    return sh("ovn-nbctl lr-nat-list ovn-cluster");
  }

  private static String sh(String command) {
    CommandResult r = shell.run(CALL, List.of("bash", "-c", command));
    assertThat(r.exitCode()).as(command + "\n" + r.output()).isZero();
    return r.output();
  }
}

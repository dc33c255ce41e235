package io.ovneip.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ovneip.sandbox.exec.CommandResult;
import io.ovneip.sandbox.exec.CommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running sandbox driven as a user would: {@code . DIR/env}, then the real {@code kubectl} and
 * {@code ovn-nbctl}. Pods created by kubectl get the CNI's address, port and annotations.
 */
class SandboxKubectlIT {
  private static final Duration CALL = Duration.ofSeconds(30);
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir static Path tmp;
  private static Path dir;
  private static CommandRunner shell;

  @BeforeAll
  static void up() throws IOException {
    dir = tmp.resolve("sb");
    CommandResult up =
        SandboxCli.run(Duration.ofMinutes(3), "sandbox", "up", "--dir", dir.toString());
    assertThat(up.exitCode()).as(up.output()).isZero();
    Map<String, String> env = SandboxUpDownIT.exports(dir.resolve("env"));
    shell = new CommandRunner(env);
  }

  @AfterAll
  static void down() {
    SandboxCli.downQuietly(dir);
  }

  @Test
  void kubectlSeesTheNodesAndPodsGetTheirNetwork() throws IOException {
    assertThat(sh("kubectl get nodes"))
        .contains("kube-ovn-control-plane", "kube-ovn-worker", "kube-ovn-worker2");
    assertThat(sh("kubectl get node kube-ovn-worker -o yaml"))
        .contains("ovn.kubernetes.io/chassis:");

    Path pod = tmp.resolve("web.yaml");
    Files.writeString(
        pod,
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          containers:
          - name: web
            image: docker.io/library/nginx:alpine
        """);
    assertThat(sh("kubectl apply -f " + pod)).contains("pod/web created");
    String jsonpath =
        "kubectl get pod web -o jsonpath='{.metadata.annotations.ovn\\.kubernetes\\.io/allocated}"
            + " {.metadata.annotations.ovn\\.kubernetes\\.io/ip_address}"
            + " {.metadata.annotations.ovn\\.kubernetes\\.io/mac_address}"
            + " {.metadata.annotations.ovn\\.kubernetes\\.io/logical_switch}"
            + " {.spec.nodeName}'";
    String[] cni =
        await()
            .atMost(WAIT)
            .until(
                () -> sh(jsonpath).strip().split(" "), v -> v.length == 5 && v[0].equals("true"));
    String ip = cni[1];
    String mac = cni[2];
    assertThat(ip).startsWith("10.16.").isNotEqualTo("10.16.0.1");
    assertThat(mac).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
    assertThat(cni[3]).isEqualTo("ovn-default");
    assertThat(cni[4]).startsWith("kube-ovn-");

    String show = sh("ovn-nbctl --timeout=10 show");
    assertThat(show).contains("port web.default", "addresses: [\"" + mac + " " + ip + "\"]");

    // Re-applying and annotating by hand keep the allocation; deleting releases it.
    assertThat(sh("kubectl apply -f " + pod)).contains("pod/web");
    sh("kubectl annotate pod web note=hello");
    assertThat(sh(jsonpath)).contains(ip);
    sh("kubectl delete pod web");
    await().atMost(WAIT).until(() -> !sh("ovn-nbctl --timeout=10 show").contains("web.default"));
  }

  @Test
  void ovnNbctlAndSbctlReachTheDatabasesThroughTheEnvFile() {
    String show = sh("ovn-nbctl --timeout=10 show");
    assertThat(show)
        .contains("(ovn-cluster)", "(ovn-default)", "router-port: ovn-cluster-ovn-default");
    assertThat(sh("ovn-nbctl --timeout=10 lr-policy-list ovn-cluster"))
        .containsPattern("31000\\s+ip4.dst == 10.16.0.0/16\\s+allow");
    assertThat(sh("ovn-sbctl --timeout=10 --columns=hostname --bare list Chassis"))
        .contains("kube-ovn-control-plane", "kube-ovn-worker", "kube-ovn-worker2");
  }

  @Test
  void statusAndMetricsShowTheSeedsPodsThroughTheEnvFile() throws IOException {
    Path seed = tmp.resolve("seed.yaml");
    Files.writeString(
        seed,
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: ovn-external-gw-config
          namespace: kube-system
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
        metadata:
          name: status-eip
          annotations:
            ovn.kubernetes.io/eip: 172.56.0.233
        spec:
          containers:
          - name: c
            image: docker.io/library/nginx:alpine
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: status-taken
          annotations:
            ovn.kubernetes.io/eip: 172.56.0.233
        spec:
          containers:
          - name: c
            image: docker.io/library/nginx:alpine
        """);
    sh("kubectl apply -f " + seed);
    String status =
        await()
            .atMost(WAIT)
            .until(
                () -> SandboxCli.runWithEnv(dir, CALL, "status").output(),
                out -> out.matches("(?s).*status-eip\\s+172\\.56\\.0\\.233\\s+applied.*"));
    assertThat(status)
        .contains("Gateway: enabled (centralized)")
        .containsPattern("status-taken\\s+172\\.56\\.0\\.233\\s+conflict");
    String json = SandboxCli.runWithEnv(dir, CALL, "status", "-o", "json").output();
    assertThat(json).contains("\"state\" : \"applied\"").contains("\"state\" : \"conflict\"");
    // The controller updates its gauges at the end of the reconcile that status already reflects.
    await()
        .atMost(WAIT)
        .until(
            () -> sh("curl -s --max-time 10 \"$OVN_EIP_METRICS_URL\""),
            m ->
                m.contains("ovn_eip_owned_rows{table=\"NAT\"} 1.0")
                    && m.contains("ovn_eip_pods_in_conflict 1.0"));
    sh("kubectl delete pod status-eip status-taken");
  }

  /** Runs a command line through bash with the sandbox's env; fails on a non-zero exit. */
  private static String sh(String commandLine) {
    List<String> cmd = new ArrayList<>(List.of("bash", "-c", commandLine));
    CommandResult r = shell.run(CALL, cmd);
    return r.orThrow();
  }
}

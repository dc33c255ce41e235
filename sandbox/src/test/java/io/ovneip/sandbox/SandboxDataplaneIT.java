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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sandbox up --dataplane} as a real subprocess, used as a user would through {@code .
 * DIR/env} with the stock tools: the gateway node's OVS looks like the seed's, a pod applied with
 * kubectl becomes a network namespace that answers on its EIP from the outside host, and {@code
 * down} leaves no namespace, tap or process behind, also after the daemon was killed. Every node is
 * a chassis in a namespace of its own ({@code mn-*}; their taps live there, nothing is created in
 * the root namespace). Needs root (the dataplane fails, naming the fix, without it); one
 * multi-chassis dataplane per machine at a time.
 */
class SandboxDataplaneIT {
  private static final Duration CLI = Duration.ofMinutes(3);
  private static final Duration CALL = Duration.ofSeconds(30);
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path tmp;

  private Path dir() {
    return tmp.resolve("sb");
  }

  @AfterEach
  void cleanUp() {
    SandboxCli.downQuietly(dir());
  }

  @Test
  void aPodAppliedWithKubectlAnswersOnItsEipFromTheOutsideHostAndDownLeavesNothing()
      throws IOException {
    up();
    assertThat(sh("echo $OVN_EIP_OUTSIDE_NETNS").strip()).isEqualTo("mn-outside");
    Path dataplaneDir = dataplaneDir();
    Path manifest = tmp.resolve("seed.yaml");
    Files.writeString(manifest, seed("web", "172.56.0.233"));
    sh("kubectl apply -f " + manifest);

    // The seed's `ovs-vsctl show` on the gateway node, from the real ovs-vsctl.
    String show =
        await("br-external with eth1 and ovn-controller's patch port")
            .atMost(WAIT)
            .until(
                () -> sh("ovs-vsctl --db=\"$OVS_DB\" --timeout=10 show"),
                s -> s.contains("Port patch-localnet.external-to-br-int"));
    assertThat(show)
        .containsPattern("(?s)Bridge br-external\\s.*Port eth1\\s+Interface eth1")
        .containsPattern("(?s)Port br-external\\s+Interface br-external\\s+type: internal")
        .contains("options: {peer=patch-br-int-to-localnet.external}")
        .containsPattern("(?s)Bridge br-int\\s.*Port patch-br-int-to-localnet.external");

    String netns =
        await("sandbox netns default/web")
            .atMost(WAIT)
            .until(() -> netns("default/web"), r -> r.exitCode() == 0)
            .output()
            .strip();
    assertThat(netns).isEqualTo("mn-pod-default-web");
    String ip =
        sh("kubectl get pod web -o jsonpath='{.metadata.annotations.ovn\\.kubernetes\\.io/ip_address}'")
            .strip();
    assertThat(sh("ip netns exec " + netns + " ip -4 -br addr show eth0")).contains(ip + "/16");
    assertThat(netns("default/nobody").exitCode()).isEqualTo(1);

    await("ping from $OVN_EIP_OUTSIDE_NETNS to the EIP")
        .atMost(WAIT)
        .until(() -> ok("ip netns exec \"$OVN_EIP_OUTSIDE_NETNS\" ping -n -c 1 -W 1 172.56.0.233"));

    // Node faults from the command line: the only gateway crashes, the EIP goes silent; restored,
    // it answers again. The underlay link of a node goes down and up.
    CommandResult crash = fault("node-crash", "kube-ovn-worker");
    assertThat(crash.exitCode()).as(crash.output()).isZero();
    assertThat(crash.output()).contains("killed ovs-vswitchd (pid", "with SIGKILL");
    await("the EIP goes silent with its only gateway")
        .atMost(WAIT)
        .until(
            () -> !ok("ip netns exec \"$OVN_EIP_OUTSIDE_NETNS\" ping -n -c 1 -W 1 172.56.0.233"));
    CommandResult again = fault("node-crash", "kube-ovn-worker");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.output()).contains("is not running");
    CommandResult restore = fault("node-restore", "kube-ovn-worker");
    assertThat(restore.exitCode()).as(restore.output()).isZero();
    assertThat(restore.output()).contains("started ovs-vswitchd (pid");
    await("the EIP answers again after node-restore")
        .atMost(WAIT)
        .until(() -> ok("ip netns exec \"$OVN_EIP_OUTSIDE_NETNS\" ping -n -c 1 -W 1 172.56.0.233"));
    assertThat(fault("node-link-down", "kube-ovn-worker").output())
        .contains("underlay link u-n2 down");
    assertThat(fault("node-link-up", "kube-ovn-worker").output()).contains("underlay link u-n2 up");
    assertThat(fault("node-crash", "nosuch").exitCode()).isNotZero();
    assertThat(fault("node-crash").exitCode()).as("needs a NODE").isEqualTo(2);

    sh("kubectl delete pod web");
    await("the pod's namespace goes with the pod")
        .atMost(WAIT)
        .until(() -> !Files.exists(Path.of("/run/netns", netns)));

    down();
    assertThat(leftovers(dataplaneDir)).isEmpty();

    // A second up after down works: the names are free again.
    up();
    assertThat(sh("ovs-vsctl --db=\"$OVS_DB\" --timeout=10 list-br")).contains("br-int");
    Path second = dataplaneDir();
    down();
    assertThat(leftovers(second)).isEmpty();
  }

  @Test
  void downAfterTheDaemonWasKilledRemovesTheDataplanesNamespacesLinksAndDaemons()
      throws IOException {
    up();
    Path dataplaneDir = dataplaneDir();
    Path manifest = tmp.resolve("seed.yaml");
    Files.writeString(manifest, seed("web", "172.56.0.233"));
    sh("kubectl apply -f " + manifest);
    await("the pod's namespace")
        .atMost(WAIT)
        .until(() -> Files.exists(Path.of("/run/netns", "mn-pod-default-web")));

    long daemon = PidRecords.read(new SandboxLayout(dir()).pids()).get("daemon");
    ProcessHandle.of(daemon).ifPresent(ProcessHandle::destroyForcibly); // no shutdown hook runs
    assertThat(OwnedProcesses.awaitDeath(daemon, Duration.ofSeconds(30))).isTrue();
    assertThat(leftovers(dataplaneDir)).as("what the killed daemon left").isNotEmpty();

    down();
    assertThat(leftovers(dataplaneDir)).isEmpty();
  }

  private void up() {
    CommandResult up =
        SandboxCli.run(
            CLI, "sandbox", "up", "--dir", dir().toString(), "--nodes", "2", "--dataplane");
    assertThat(up.exitCode()).as(up.output()).isZero();
    assertThat(up.output()).contains("outside-netns: mn-outside");
  }

  private void down() {
    CommandResult down = SandboxCli.run(CLI, "sandbox", "down", "--dir", dir().toString());
    assertThat(down.exitCode()).as(down.output()).isZero();
  }

  /**
   * The dataplane's own dir (outside the sandbox dir), from {@code $OVS_DB}: unix:DIR/nI/conf.sock.
   */
  private Path dataplaneDir() {
    String ovsDb = sh("echo $OVS_DB").strip();
    assertThat(ovsDb).startsWith("unix:/");
    return Path.of(ovsDb.substring("unix:".length())).getParent().getParent();
  }

  private CommandResult fault(String... args) {
    List<String> cmd = new ArrayList<>(List.of("sandbox", "fault", "--dir", dir().toString()));
    cmd.addAll(List.of(args));
    return SandboxCli.run(CALL, cmd.toArray(String[]::new));
  }

  private CommandResult netns(String pod) {
    return SandboxCli.run(CALL, "sandbox", "netns", pod, "--dir", dir().toString());
  }

  /**
   * Everything of the sandbox's still on the machine: namespaces by the dataplane's names (its
   * links and taps live in them), its dir, and processes naming the sandbox dir or the dataplane's.
   */
  private List<String> leftovers(Path dataplaneDir) throws IOException {
    List<String> left = new ArrayList<>();
    try (Stream<Path> ns = list(Path.of("/run/netns"))) {
      ns.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("mn-"))
          .forEach(n -> left.add("netns " + n));
    }
    if (Files.exists(dataplaneDir)) {
      left.add("dir " + dataplaneDir);
    }
    SandboxDemoIT.processesNaming(dataplaneDir).forEach(p -> left.add("process " + p));
    SandboxDemoIT.processesNaming(dir()).forEach(p -> left.add("process " + p));
    return left;
  }

  private static Stream<Path> list(Path d) throws IOException {
    return Files.isDirectory(d) ? Files.list(d) : Stream.empty();
  }

  /** The seed's ConfigMap and one pod with an EIP. */
  private static String seed(String pod, String eip) {
    return """
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
          name: %s
          annotations:
            ovn.kubernetes.io/eip: %s
        spec:
          containers:
          - name: c
            image: docker.io/library/nginx:alpine
        """
        .formatted(pod, eip);
  }

  /** Runs a command line through bash after {@code . DIR/env}, as a user would; must succeed. */
  private String sh(String commandLine) {
    return shell(commandLine).orThrow();
  }

  private boolean ok(String commandLine) {
    return shell(commandLine).ok();
  }

  private CommandResult shell(String commandLine) {
    return CommandRunner.inheritingEnvironment()
        .run(CALL, "bash", "-c", ". '" + dir().resolve("env") + "' && " + commandLine);
  }
}

package io.ovneip.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.ovneip.sandbox.exec.CommandResult;
import io.ovneip.sandbox.exec.CommandRunner;
import io.ovneip.testkit.Processes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ovn-eip sandbox up} and {@code down} as real subprocess runs of the shaded jar. */
class SandboxUpDownIT {
  private static final Duration CLI = Duration.ofMinutes(3);

  @TempDir Path tmp;

  private Path dir() {
    return tmp.resolve("sb");
  }

  @AfterEach
  void cleanUp() {
    SandboxCli.downQuietly(dir());
  }

  @Test
  void upStartsEverythingDownStopsExactlyThatAndASecondUpWorks() throws IOException {
    CommandResult up =
        SandboxCli.run(CLI, "sandbox", "up", "--dir", dir().toString(), "--nodes", "2");
    assertThat(up.exitCode()).as(up.output()).isZero();
    assertThat(up.output()).contains("sandbox is up", ". " + dir().resolve("env"));

    SandboxLayout layout = new SandboxLayout(dir());
    Map<String, String> env = exports(layout.env());
    assertThat(env).containsKeys("KUBECONFIG", "OVN_NB_DB", "OVN_SB_DB");
    assertThat(Path.of(env.get("KUBECONFIG"))).exists();
    Map<String, Long> pids = PidRecords.read(layout.pids());
    assertThat(pids)
        .containsOnlyKeys(
            "daemon",
            "ovnnb_db",
            "ovnsb_db",
            "ovn-northd",
            "ovsdb-kube-ovn-control-plane",
            "ovsdb-kube-ovn-worker");
    assertThat(pids.values()).allMatch(Processes::alive);
    List<Integer> ports = ports(env, layout.kubeconfig());
    assertThat(ports).allMatch(SandboxUpDownIT::listening);

    // The sandbox is what it says: two nodes, each with its chassis, in the Kubernetes API and SB.
    try (KubernetesClient client = client(layout.kubeconfig())) {
      assertThat(client.nodes().list().getItems())
          .extracting(n -> n.getMetadata().getName())
          .containsExactlyInAnyOrder("kube-ovn-control-plane", "kube-ovn-worker");
      for (Node n : client.nodes().list().getItems()) {
        String chassis = n.getMetadata().getAnnotations().get("ovn.kubernetes.io/chassis");
        assertThat(ctl("ovn-sbctl", env.get("OVN_SB_DB"), "get", "Chassis", chassis, "hostname"))
            .contains(n.getMetadata().getName());
      }
    }
    assertThat(ctl("ovn-nbctl", env.get("OVN_NB_DB"), "show")).contains("(ovn-cluster)");

    CommandResult again = SandboxCli.run(CLI, "sandbox", "up", "--dir", dir().toString());
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.output()).contains("already running in " + layout.dir(), "sandbox down");
    assertThat(pids.values()).allMatch(Processes::alive); // the refusal touched nothing

    CommandResult down = SandboxCli.run(CLI, "sandbox", "down", "--dir", dir().toString());
    assertThat(down.exitCode()).as(down.output()).isZero();
    assertThat(pids.values())
        .allMatch(pid -> OwnedProcesses.awaitDeath(pid, Duration.ofSeconds(30)));
    assertThat(ports).noneMatch(SandboxUpDownIT::listening);
    assertThat(dir()).doesNotExist();
    assertThat(SandboxDemoIT.processesNaming(layout.dir())).isEmpty();

    CommandResult downAgain = SandboxCli.run(CLI, "sandbox", "down", "--dir", dir().toString());
    assertThat(downAgain.exitCode()).as(downAgain.output()).isZero();

    CommandResult upAgain = SandboxCli.run(CLI, "sandbox", "up", "--dir", dir().toString());
    assertThat(upAgain.exitCode()).as(upAgain.output()).isZero();
    try (KubernetesClient client = client(layout.kubeconfig())) {
      assertThat(client.nodes().list().getItems()).hasSize(3); // the default: three nodes
    }
  }

  @Test
  void downStopsTheDetachedOvnDaemonsEvenAfterTheDaemonJvmWasKilled() throws IOException {
    CommandResult up =
        SandboxCli.run(CLI, "sandbox", "up", "--dir", dir().toString(), "--nodes", "1");
    assertThat(up.exitCode()).as(up.output()).isZero();
    SandboxLayout layout = new SandboxLayout(dir());
    Map<String, Long> pids = PidRecords.read(layout.pids());
    long daemon = pids.get("daemon");
    ProcessHandle.of(daemon).ifPresent(ProcessHandle::destroyForcibly); // no shutdown hook runs
    assertThat(OwnedProcesses.awaitDeath(daemon, Duration.ofSeconds(30))).isTrue();
    assertThat(Processes.alive(pids.get("ovnnb_db"))).isTrue(); // detached: outlived the JVM

    CommandResult again = SandboxCli.run(CLI, "sandbox", "up", "--dir", dir().toString());
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.output()).contains("already running", "ovnnb_db");

    CommandResult down = SandboxCli.run(CLI, "sandbox", "down", "--dir", dir().toString());
    assertThat(down.exitCode()).as(down.output()).isZero();
    assertThat(down.output()).contains("stopping ovnnb_db", "stopping ovn-northd");
    assertThat(pids.values())
        .allMatch(pid -> OwnedProcesses.awaitDeath(pid, Duration.ofSeconds(30)));
    assertThat(SandboxDemoIT.processesNaming(layout.dir())).isEmpty();
  }

  @Test
  void refusesATakenApiPortAndLeavesNothingBehind() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CommandResult up =
          SandboxCli.run(
              CLI,
              "sandbox",
              "up",
              "--dir",
              dir().toString(),
              "--api-port",
              Integer.toString(taken.getLocalPort()));
      assertThat(up.exitCode()).isEqualTo(1);
      assertThat(up.output()).contains("port " + taken.getLocalPort(), "is taken");
    }
    assertThat(PidRecords.read(new SandboxLayout(dir()).pids())).isEmpty();
  }

  @Test
  void downOnADirThatNeverHeldASandboxIsHarmless() throws IOException {
    Files.createDirectories(dir());
    Files.writeString(dir().resolve("notes.txt"), "mine");
    CommandResult down = SandboxCli.run(CLI, "sandbox", "down", "--dir", dir().toString());
    assertThat(down.exitCode()).isZero();
    assertThat(dir().resolve("notes.txt")).exists(); // only the sandbox's own files go
  }

  static Map<String, String> exports(Path envFile) throws IOException {
    // Let a real shell read the file, as users do.
    CommandResult r =
        CommandRunner.inheritingEnvironment()
            .run(
                Duration.ofSeconds(10),
                "bash",
                "-c",
                ". '"
                    + envFile
                    + "' && echo \"$KUBECONFIG|$OVN_NB_DB|$OVN_SB_DB|$OVN_EIP_METRICS_URL"
                    + "|${OVN_EIP_PROMETHEUS_URL:-}\"");
    String[] v = r.orThrow().strip().split("\\|", -1);
    return Map.of(
        "KUBECONFIG",
        v[0],
        "OVN_NB_DB",
        v[1],
        "OVN_SB_DB",
        v[2],
        "OVN_EIP_METRICS_URL",
        v[3],
        "OVN_EIP_PROMETHEUS_URL",
        v[4]);
  }

  static KubernetesClient client(Path kubeconfig) throws IOException {
    return new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
        .build();
  }

  private static List<Integer> ports(Map<String, String> env, Path kubeconfig) throws IOException {
    List<Integer> ports = new ArrayList<>();
    for (String remote : List.of(env.get("OVN_NB_DB"), env.get("OVN_SB_DB"))) {
      ports.add(Integer.parseInt(remote.substring(remote.lastIndexOf(':') + 1)));
    }
    String server =
        Files.readString(kubeconfig)
            .lines()
            .filter(l -> l.contains("server:"))
            .findFirst()
            .orElseThrow();
    ports.add(Integer.parseInt(server.substring(server.lastIndexOf(':') + 1).trim()));
    return ports;
  }

  static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static String ctl(String tool, String db, String... args) {
    List<String> cmd = new ArrayList<>(List.of(tool, "--db=" + db, "--timeout=10"));
    cmd.addAll(List.of(args));
    return CommandRunner.inheritingEnvironment().run(Duration.ofSeconds(15), cmd).orThrow();
  }
}

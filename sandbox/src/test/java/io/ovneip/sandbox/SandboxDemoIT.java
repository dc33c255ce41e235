package io.ovneip.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovneip.sandbox.exec.CommandResult;
import io.ovneip.testkit.dataplane.Dataplane;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ovn-eip sandbox demo}: the user's document end to end, as a subprocess of the jar. */
class SandboxDemoIT {
  @TempDir Path tmp;

  @AfterEach
  void cleanUp() {
    SandboxCli.downQuietly(tmp.resolve("demo"));
  }

  @Test
  void theSeedWalkThroughHoldsAndLeavesNothingRunning() throws IOException {
    Path dir = tmp.resolve("demo");
    CommandResult demo =
        SandboxCli.run(
            Duration.ofMinutes(8), "sandbox", "demo", "--dir", dir.toString(), "--no-dataplane");
    assertThat(demo.exitCode()).as(demo.output()).isZero();
    assertThat(demo.output())
        .contains("kubectl apply -f " + dir.resolve("demo/ovn-external-gw-config.yaml"))
        .contains(
            "ovn-nbctl --db=$OVN_NB_DB show", "ovn-nbctl --db=$OVN_NB_DB lr-nat-list ovn-cluster")
        .contains("kubectl annotate pod pod-eip ovn.kubernetes.io/eip=172.56.0.221 --overwrite")
        .contains("kubectl annotate pod pod-eip ovn.kubernetes.io/routed-")
        .contains("Demo complete")
        .doesNotContain("DEMO FAILED");
    assertThat(demo.output()).contains("(no packet checks: --no-dataplane was given)");
    // ovn-eip's own status is the proof; routed is Kube-OVN's (the stand-in's).
    assertThat(demo.output())
        .contains(
            "pod-eip has condition ovn-eip.io/ready=True and ovn-eip.io/applied=eip=172.56.0.233")
        .contains(
            "pod-eip has condition ovn-eip.io/ready=True and ovn-eip.io/applied=eip=172.56.0.221")
        .contains("pod-eip has ovn.kubernetes.io/routed=true (Kube-OVN's route step, not ours)")
        .contains("policy 29260 ip4.src == ");
    assertThat(dir).doesNotExist();
    assertThat(processesNaming(dir)).isEmpty();
  }

  /** As root with the packages (as in CI), the demo checks packets on the dataplane too. */
  @Test
  void withTheDataplaneTheWalkThroughChecksPacketsAndLeavesNoNamespaceBehind() throws IOException {
    Path dir = tmp.resolve("demo");
    CommandResult demo =
        SandboxCli.run(Duration.ofMinutes(8), "sandbox", "demo", "--dir", dir.toString());
    assertThat(demo.exitCode()).as(demo.output()).isZero();
    assertThat(demo.output())
        .doesNotContain("no packet checks", "DEMO FAILED")
        .contains("$ ovn-eip sandbox up --dir " + dir + " --dataplane")
        .contains("ok: ovn-controller's patch port patch-localnet.external-to-br-int")
        .contains("$ ip netns exec $OVN_EIP_OUTSIDE_NETNS ping -n -c 1 -W 1 172.56.0.233")
        .contains("ok: the outside host's ping to 172.56.0.233 is answered")
        .contains("ok: TCP to 172.56.0.233:80 reaches pod-eip")
        .contains("ok: pod-snat's connection arrives from 172.56.0.200")
        .contains("ok: the outside host's ping to 172.56.0.221 is answered")
        .contains("ok: no answer from 172.56.0.233 (ping), three times in a row")
        .contains("ok: pod-eip's connection arrives from 172.56.0.221")
        .contains("Demo complete");
    assertThat(dir).doesNotExist();
    assertThat(processesNaming(dir)).isEmpty();
    try (Stream<Path> ns = Files.list(Path.of("/run/netns"))) {
      assertThat(ns.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.startsWith(Dataplane.netnsPrefix()) || n.startsWith("mn-"));
    }
    assertThat(Path.of("/sys/class/net/eth1")).doesNotExist();
  }

  /** Pids whose command line mentions {@code dir}: what a leaked sandbox would leave. */
  static List<Long> processesNaming(Path dir) throws IOException {
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      return procs
          .filter(p -> p.getFileName().toString().matches("\\d+"))
          .filter(p -> cmdline(p).contains(dir.toString()))
          .map(p -> Long.parseLong(p.getFileName().toString()))
          .filter(io.ovneip.testkit.Processes::alive)
          .toList();
    }
  }

  private static String cmdline(Path proc) {
    try {
      return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}

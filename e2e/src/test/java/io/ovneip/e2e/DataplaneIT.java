package io.ovneip.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovneip.testkit.Exec;
import io.ovneip.testkit.OvsdbServer;
import io.ovneip.testkit.Processes;
import io.ovneip.testkit.Schema;
import io.ovneip.testkit.Waits;
import io.ovneip.testkit.dataplane.Dataplane;
import io.ovneip.testkit.dataplane.DataplaneOptions;
import io.ovneip.testkit.dataplane.PodSpec;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dataplane launcher itself: it refuses to run over names it does not own, runs once per
 * machine, leaves nothing behind on close, and reclaims what a killed owner left.
 */
class DataplaneIT {
  private static final Duration T = Duration.ofSeconds(10);
  static OvsdbServer sb;

  @BeforeAll
  static void sb() {
    sb = OvsdbServer.start(Schema.SB);
  }

  @AfterAll
  static void stop() {
    sb.close();
  }

  private static DataplaneOptions options() {
    return DataplaneOptions.seed(sb.tcpRemote(), "chassis-dp", "dp-node");
  }

  @Test
  void refusesAGatewayNicNameThatIsNotItsOwn() {
    Path here = Path.of(".");
    Exec.check(here, T, "ip", "link", "add", "eth1", "type", "veth", "peer", "name", "eth1-peer");
    try {
      assertThatThrownBy(() -> Dataplane.start(options()))
          .hasMessageContaining("'eth1' exists and this dataplane did not create it");
      assertThat(Files.exists(Path.of("/sys/class/net/eth1"))).as("left alone").isTrue();
      assertThat(Files.exists(Path.of("/run/netns", Dataplane.outsideNetnsName()))).isFalse();
    } finally {
      Exec.check(here, T, "ip", "link", "del", "eth1");
    }
    // The refusal released the lock: the next start works.
    Dataplane.start(options()).close();
  }

  @Test
  void runsOncePerMachineAndLeavesNothingBehind() {
    List<Long> pids;
    Path dir;
    try (Dataplane dp = Dataplane.start(options())) {
      dp.addPod(PodSpec.onDefaultSubnet("default", "p", "00:00:00:00:00:42", "10.16.0.42"));
      pids = dp.daemonPids();
      dir = dp.dir();
      assertThat(dp.vsctl("list-ports", "br-int")).contains("ovneip-p1");
      assertThatThrownBy(() -> Dataplane.start(options()))
          .hasMessageContaining("a dataplane already runs on this machine");
    }
    assertNothingLeft(pids, dir);
  }

  @Test
  void reclaimsWhatAKilledOwnerLeft() throws Exception {
    Path out = Files.createTempFile("dp-crash", ".out");
    Process child =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                DataplaneCrashMain.class.getName(),
                sb.tcpRemote(),
                "chassis-dp")
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    try {
      Waits.require(
          Duration.ofSeconds(90),
          "the child's dataplane to be READY",
          () -> read(out).contains("READY") || !child.isAlive());
      assertThat(read(out)).contains("READY");
      Path childDir = Path.of(read(out).replaceAll("(?s).*READY (\\S+).*", "$1"));
      child.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no clean-up ran
      assertThat(Files.exists(Path.of("/sys/class/net/br-int"))).as("left by the crash").isTrue();
      assertThat(Files.exists(Path.of("/run/netns", Dataplane.netnsName("default", "crash"))))
          .isTrue();

      try (Dataplane dp = Dataplane.start(options())) {
        assertThat(Files.exists(Path.of("/run/netns", Dataplane.netnsName("default", "crash"))))
            .isFalse();
        assertThat(Files.exists(childDir)).isFalse();
        assertThat(dp.vsctl("list-ports", "br-int")).doesNotContain("ovneip-p1");
      }
      assertNothingLeft(List.of(), childDir);
    } finally {
      child.destroyForcibly();
      Files.deleteIfExists(out);
      Dataplane.reclaimLeftovers();
    }
  }

  private static void assertNothingLeft(List<Long> pids, Path dir) {
    for (String link : List.of("br-int", "ovs-netdev", "br-external", "eth1", "ovneip-p1")) {
      assertThat(Files.exists(Path.of("/sys/class/net", link))).as("link " + link).isFalse();
    }
    assertThat(new File("/run/netns").list((d, n) -> n.startsWith(Dataplane.netnsPrefix())))
        .as("namespaces")
        .isNullOrEmpty();
    for (long pid : pids) {
      assertThat(Processes.alive(pid)).as("pid " + pid).isFalse();
    }
    assertThat(Files.exists(dir)).as(dir.toString()).isFalse();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      return "";
    }
  }
}

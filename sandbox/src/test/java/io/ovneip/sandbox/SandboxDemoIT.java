package io.ovneip.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovneip.sandbox.exec.CommandResult;
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
        SandboxCli.run(Duration.ofMinutes(8), "sandbox", "demo", "--dir", dir.toString());
    assertThat(demo.exitCode()).as(demo.output()).isZero();
    assertThat(demo.output())
        .contains("kubectl apply -f " + dir.resolve("demo/ovn-external-gw-config.yaml"))
        .contains(
            "ovn-nbctl --db=$OVN_NB_DB show", "ovn-nbctl --db=$OVN_NB_DB lr-nat-list ovn-cluster")
        .contains("kubectl annotate pod pod-eip ovn.kubernetes.io/eip=172.56.0.221 --overwrite")
        .contains("kubectl annotate pod pod-eip ovn.kubernetes.io/routed-")
        .contains("Demo complete")
        .doesNotContain("DEMO FAILED");
    assertThat(dir).doesNotExist();
    assertThat(processesNaming(dir)).isEmpty();
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

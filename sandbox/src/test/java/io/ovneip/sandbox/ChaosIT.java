package io.ovneip.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovneip.sandbox.chaos.ChaosReport;
import io.ovneip.sandbox.chaos.ChaosRun;
import io.ovneip.sandbox.exec.CommandResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chaos suite in every test run: a sandbox with a 3-member NB cluster and two controller
 * replicas, every fault of {@code sandbox fault} at least once in a seeded random order, with
 * random pod and ConfigMap changes before and during each; after each, {@code sandbox check} must
 * hold within the convergence timeout. A failure prints the seed and the event log: replay with
 * {@code -Dchaos.seed=SEED}. {@code -Dchaos.minutes=N} sets the budget (whole cycles; default 4,
 * which keeps the test near 10 minutes on a quiet 2-core machine).
 */
class ChaosIT {
  @TempDir static Path tmp;
  private static Path dir;

  @BeforeAll
  static void up() {
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
  }

  @AfterAll
  static void down() {
    SandboxCli.downQuietly(dir);
  }

  @Test
  void everyFaultIsSurvivedWithTheInvariantsHolding() {
    long seed = Long.getLong("chaos.seed", System.nanoTime());
    Duration budget = Duration.ofMinutes(Long.getLong("chaos.minutes", 4));
    ChaosReport report =
        ChaosRun.run(new ChaosRun.Options(dir, seed, budget, Duration.ofMinutes(2), System.out));
    System.out.println("chaos run, seed " + seed + ":\n" + report.table());

    assertThat(report.ok()).as(report.failureText()).isTrue();
    assertThat(report.faults().keySet())
        .as("every fault ran at least once")
        .containsAll(
            List.of(
                "nb-snapshot",
                "controller-kill",
                "controller-start",
                "controller-kill --all",
                "nb-kill-leader",
                "nb-freeze",
                "nb-restart",
                "nb-rollback",
                "api-drop-watches",
                "lease-steal"));
    report
        .faults()
        .forEach(
            (fault, stats) ->
                assertThat(stats.converged()).as(fault).isEqualTo(stats.runs()).isPositive());
  }
}

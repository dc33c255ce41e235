package io.ovneip.sandbox.chaos;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.ovneip.sandbox.SandboxProbe;
import io.ovneip.sandbox.check.SandboxCheck;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The chaos run against a running sandbox (best: {@code --nb-cluster 3 --controllers 2}): cycles
 * through every fault in a seeded random order, with random Kubernetes changes before, during and
 * right after each; after each fault it waits for {@code sandbox check} to hold, and records how
 * long that took from the end of the fault. A fault after which the check does not hold within the
 * convergence timeout is a violation. Runs until at least one whole cycle is done and the budget is
 * spent.
 */
public final class ChaosRun {
  /** What to run: the sandbox dir, the seed, the budget and the convergence timeout. */
  public record Options(Path dir, long seed, Duration budget, Duration converge, PrintStream out) {}

  /** The foreign NAT row added at the start, outside every address the events use. */
  static final String FOREIGN_NAT = "dnat_and_snat 172.56.9.9 10.16.9.9";

  private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(20);
  private static final long TIMED_SECONDS = 8;

  private final Options options;
  private final Random random;
  private final ChaosReport report;
  private final List<String> eventLog = Collections.synchronizedList(new ArrayList<>());
  private final Instant start = Instant.now();

  private ChaosRun(Options options) {
    this.options = options;
    this.random = new Random(options.seed());
    this.report = new ChaosReport(options.seed());
  }

  /** Runs the chaos against the sandbox in {@code options.dir()} and returns the report. */
  public static ChaosReport run(Options options) {
    return new ChaosRun(options).run();
  }

  private ChaosReport run() {
    log("seed " + options.seed() + ", budget " + options.budget());
    try (KubernetesClient client = client()) {
      ChaosEvents events =
          new ChaosEvents(client, random, Long.toHexString(options.seed() & 0xffffff), this::log);
      events.initialConfig();
      addForeignNat();
      log("recorded foreign rows: " + SandboxProbe.recordForeign(options.dir(), CHECK_TIMEOUT));
      events.some(6);
      converge("start", Instant.now());
      long deadline = System.nanoTime() + options.budget().toNanos();
      int cycle = 0;
      do {
        cycle++;
        log("cycle " + cycle);
        for (Step step : cycle()) {
          step.run(events);
          if (!report.ok()) {
            return report;
          }
        }
      } while (System.nanoTime() < deadline);
    }
    return report;
  }

  /** One cycle: a snapshot first, then every fault once in a random order. */
  private List<Step> cycle() {
    List<Step> steps =
        new ArrayList<>(
            List.of(
                new Step("controller-kill", 0, false, true),
                new Step("controller-kill --all", 0, true, false),
                new Step("nb-kill-leader", 5, false, false),
                new Step("nb-freeze", TIMED_SECONDS, false, false),
                new Step("nb-restart", 0, false, false),
                new Step("nb-rollback", 0, false, false),
                new Step("api-drop-watches", 0, false, false),
                new Step("lease-steal", TIMED_SECONDS, false, false)));
    Collections.shuffle(steps, random);
    steps.add(0, new Step("nb-snapshot", 0, false, false));
    return steps;
  }

  /**
   * One fault: random changes, the fault (with more changes while it is in place), then the wait
   * for convergence. {@code controller-kill --all} is over when the replicas were started again;
   * after {@code controller-kill} of the leader the killed replica is started again once the
   * survivor converged ({@code restartAfter}), itself measured as {@code controller-start}.
   */
  private final class Step {
    final String label;
    final long seconds;
    final boolean all;
    final boolean restartAfter;

    Step(String label, long seconds, boolean all, boolean restartAfter) {
      this.label = label;
      this.seconds = seconds;
      this.all = all;
      this.restartAfter = restartAfter;
    }

    String fault() {
      return label.split(" ")[0];
    }

    void run(ChaosEvents events) {
      events.some(2 + random.nextInt(4));
      log("fault " + label + (seconds > 0 ? " " + seconds + "s" : "") + " begins");
      CompletableFuture<String> f =
          CompletableFuture.supplyAsync(() -> faultWhenLeaderKnown(fault(), seconds, all));
      sleepMillis(random.nextInt(1500));
      events.some(1 + random.nextInt(3));
      String printed = await(f);
      if (all) {
        events.some(1 + random.nextInt(2));
        printed += SandboxProbe.fault(options.dir(), "controller-start", 0, false);
      }
      printed.lines().forEach(l -> log("  " + l));
      Instant end = Instant.now();
      log("fault " + label + " over");
      // Changes right after the fault too: whoever leads now (a new leader, one still waiting
      // for an expired Lease, one that re-watched) must handle them before the check holds.
      events.some(1 + random.nextInt(2));
      converge(label, end);
      if (restartAfter && report.ok()) {
        SandboxProbe.fault(options.dir(), "controller-start", 0, false)
            .lines()
            .forEach(l -> log("  " + l));
        converge("controller-start", Instant.now());
      }
    }
  }

  /**
   * Injects the fault; a kill of the leader right after a lease-steal finds no replica holding the
   * Lease until the stolen one expires (15 s): it is retried until one does.
   */
  private String faultWhenLeaderKnown(String fault, long seconds, boolean all) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try {
        return SandboxProbe.fault(options.dir(), fault, seconds, all);
      } catch (SandboxProbe.FaultFailed e) {
        if (!e.getMessage().contains("no running replica holds the Lease")
            || System.nanoTime() > deadline) {
          throw e;
        }
        sleepMillis(2000);
      }
    }
  }

  /** Polls the check until it holds or the convergence timeout passes; records the outcome. */
  private void converge(String fault, Instant faultEnd) {
    long deadline = System.nanoTime() + options.converge().toNanos();
    SandboxCheck.Result last = null;
    String error = "";
    while (System.nanoTime() < deadline) {
      try {
        last = SandboxProbe.check(options.dir(), CHECK_TIMEOUT);
        error = "";
        if (last.ok()) {
          Duration took = Duration.between(faultEnd, Instant.now());
          report.converged(fault, took);
          log("converged after " + fault + " in " + took.toMillis() + " ms");
          return;
        }
      } catch (RuntimeException e) {
        error = e.toString();
      }
      sleepMillis(1000);
    }
    List<String> why = new ArrayList<>(last == null ? List.of() : last.violations());
    if (!error.isEmpty()) {
      why.add("the last check failed: " + error);
    }
    report.violated(fault, why);
    log("NOT converged " + options.converge().toSeconds() + "s after " + fault + ":");
    why.forEach(v -> log("  VIOLATION " + v));
  }

  private String await(CompletableFuture<String> f) {
    try {
      return f.get(10, TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      throw new IllegalStateException("fault failed: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("fault did not return in 10 minutes", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private void addForeignNat() {
    List<String> cmd = new ArrayList<>(List.of("ovn-nbctl", "--timeout=20"));
    cmd.add("--db=" + SandboxProbe.nbRemote(options.dir()));
    cmd.addAll(List.of("--may-exist", "lr-nat-add", "ovn-cluster"));
    cmd.addAll(List.of(FOREIGN_NAT.split(" ")));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("ovn-nbctl lr-nat-add failed: " + out);
      }
      log("foreign NAT added by hand: " + FOREIGN_NAT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private KubernetesClient client() {
    Path kubeconfig = SandboxProbe.kubeconfig(options.dir());
    try {
      Config config =
          Config.fromKubeconfig(null, Files.readString(kubeconfig), kubeconfig.toString());
      config.setRequestTimeout(30_000);
      config.setConnectionTimeout(10_000);
      return new KubernetesClientBuilder().withConfig(config).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void log(String line) {
    String stamped =
        "%7.1fs %s".formatted(Duration.between(start, Instant.now()).toMillis() / 1000.0, line);
    eventLog.add(stamped);
    report.log(stamped);
    options.out().println(stamped);
  }

  private static void sleepMillis(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}

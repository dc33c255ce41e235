package io.ovneip.bench.controller;

import io.ovneip.bench.Addresses;
import io.ovneip.bench.BenchPod;
import io.ovneip.bench.KubeApi;
import io.ovneip.bench.Log;
import io.ovneip.bench.NbDb;
import io.ovneip.bench.Nbctl;
import io.ovneip.bench.PodPorts;
import io.ovneip.bench.Stats;
import io.ovneip.testkit.Exec;
import io.ovneip.testkit.OvsdbServer;
import io.ovneip.testkit.Schema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;

/**
 * One (N, DB mode) of the controller benchmark: a fresh NB (+ SB with the gateway's chassis), the
 * base topology, the embedded API with N pods, then the controller in its own JVM through cold
 * start, steady state, a burst and deletes, every phase timed by the independent monitors.
 */
final class ControllerRun {
  /** How much of each phase; the defaults are issue 7's. */
  record Plan(
      int total,
      int n,
      NbDb.Mode mode,
      int steady,
      int burst,
      int deletes,
      String heap,
      String routedOwner,
      boolean restart,
      Duration coldTimeout,
      Path workDir) {
    /** The files of this row: {@code controller-<total>-<nat>-<db><suffix>}. */
    Path file(String suffix) {
      return workDir.resolve("controller-" + total + "-" + n + "-" + mode.label + suffix);
    }
  }

  private static final Duration STEP = Duration.ofSeconds(60);

  private final Plan plan;
  private final Baselines baselines;
  private final List<String> notes = new ArrayList<>();
  private final Map<String, Long> txByPhase = new LinkedHashMap<>();
  private final Map<String, String> reconcilesByPhase = new LinkedHashMap<>();
  private long lastReconciles;
  private double lastReconcileS;
  private final List<Double> steadyMs = new ArrayList<>();
  private final List<Double> steadyRoutedMs = new ArrayList<>();
  private final List<Double> steadyAckedMs = new ArrayList<>();
  private double podCreate = Double.NaN;
  private double synced = Double.NaN;
  private double cold = Double.NaN;
  private double converge = Double.NaN;
  private double burst = Double.NaN;
  private double burstRouted = Double.NaN;
  private double delete = Double.NaN;
  private long lastTx;
  private JsonNode lastStats;
  private double restartCatchup = Double.NaN;
  private long restartTx = -1;
  private long restartWrites = -1;
  private long restartLaterTx = -1;
  private long restartLaterWrites = -1;
  private JsonNode restartStats;
  private double restartSynced = Double.NaN;

  ControllerRun(Plan plan, Baselines baselines) {
    this.plan = plan;
    this.baselines = baselines;
  }

  ControllerResult run() {
    int n = plan.n();
    List<BenchPod> cluster = Addresses.cluster(plan.total(), n);
    List<BenchPod> pods = cluster.stream().filter(BenchPod::nat).toList();
    Map<String, double[]> phases = new LinkedHashMap<>();
    try (NbDb db = NbDb.start(plan.mode());
        OvsdbServer sb = OvsdbServer.start(Schema.SB);
        KubeApi kube = new KubeApi()) {
      Nbctl nbctl = new Nbctl(db.dir(), db.unixRemotes());
      nbctl.baseTopology();
      // Every pod's port, as Kube-OVN writes it before the CNI annotates the pod.
      long tp = System.nanoTime();
      PodPorts.write(db.leaderTcpRemote(), cluster);
      log(
          String.format(
              "%d pod ports written to NB in %.1f s",
              cluster.size(), Stats.seconds(System.nanoTime() - tp)));
      sbctl(sb, "chassis-add", KubeApi.CHASSIS, "geneve", "127.0.0.2");
      sbctl(sb, "set", "chassis", KubeApi.CHASSIS, "hostname=" + KubeApi.NODE);
      kube.seed();
      long t = System.nanoTime();
      kube.createPods(cluster);
      podCreate = Stats.seconds(System.nanoTime() - t);
      log(
          String.format(
              "%d pods (%d NAT) created in the API in %.1f s", cluster.size(), n, podCreate));
      try (NbWatcher nb = new NbWatcher(db.tcpRemotes());
          PodWatcher pw = new PodWatcher(kube.client())) {
        Path log = plan.file(".log");
        Path jfr = plan.file(".jfr");
        CompletableFuture<Long> rows = nb.when(v -> v.nats() == n && v.policies() == n);
        CompletableFuture<Long> routed = pw.when(v -> v.routedPods() == n);
        try (ControllerProcess cp =
            ControllerProcess.start(
                plan.heap(),
                plan.routedOwner(),
                db.tcpRemotes(),
                sb.tcpRemote(),
                kube.url(),
                log,
                jfr)) {
          PhaseCpu cpu = new PhaseCpu(cp::cpuSeconds, db.pids());
          watched = cp;
          boolean killed = false;
          if (coldStart(cp, rows, routed)) {
            cpu.end("cold start");
            stats(cp, "cold start");
            steady(kube, nb, pw, pods);
            cpu.end("steady state");
            stats(cp, "steady state");
            burst(kube, nb, pw, pods);
            cpu.end("burst");
            stats(cp, "burst");
            deletes(kube, nb, pods);
            cpu.end("deletes");
            stats(cp, "deletes");
            if (plan.restart()) {
              cp.settle(plan.coldTimeout());
              // SIGKILL leaves no JFR file behind: write it first.
              cp.dumpRecording();
              cp.kill();
              killed = true;
              log("controller killed (SIGKILL) with everything settled");
              phases.putAll(cpu.phases());
              restart(db, sb, kube, phases);
            }
          } else {
            cpu.end("cold start (unfinished)");
          }
          phases.putAll(cpu.phases());
          if (kube.conflicts() > 0) {
            notes.add(
                kube.conflicts()
                    + " guarded pod patches refused (failed resourceVersion test: races), each"
                    + " retried by the controller's queue");
          }
          if (!killed && !cp.alive()) {
            notes.add(
                "the controller JVM exited early ("
                    + cp.gone().orElse("")
                    + "); see "
                    + log.getFileName());
          }
        }
      }
    } catch (RuntimeException e) {
      notes.add("run aborted: " + e);
      log("run aborted: " + e);
      e.printStackTrace();
    }
    return result(phases);
  }

  private boolean coldStart(
      ControllerProcess cp, CompletableFuture<Long> rows, CompletableFuture<Long> routed) {
    try {
      cp.awaitLine("SYNCED", plan.coldTimeout());
      long syncedAt = System.nanoTime();
      synced = Stats.seconds(syncedAt - cp.startNanos());
      log(String.format("controller JVM synced %.2f s after spawn", synced));
      long deadline = cp.startNanos() + plan.coldTimeout().toNanos();
      long rowsAt = get(rows, deadline);
      converge = Stats.seconds(rowsAt - syncedAt);
      log(String.format("NB converged %.2f s after the informers synced", converge));
      long routedAt = get(routed, deadline);
      cold = Stats.seconds(routedAt - cp.startNanos());
      log(String.format("cold start (JVM start to every routed): %.2f s", cold));
      return true;
    } catch (TimeoutException | RuntimeException e) {
      notes.add("cold start did not finish within " + plan.coldTimeout() + ": " + e.getMessage());
      log("cold start unfinished: " + e);
      return false;
    }
  }

  /**
   * Issue 17's restart catch-up: a new controller JVM on the settled cluster, from spawn until it
   * is first idle after its full reconcile (every owner verified, every pod's status checked), and
   * what it wrote meanwhile: NB transactions and Kubernetes API writes, both expected zero.
   */
  private void restart(NbDb db, OvsdbServer sb, KubeApi kube, Map<String, double[]> phases) {
    try (ControllerProcess cp =
        ControllerProcess.start(
            plan.heap(),
            plan.routedOwner(),
            db.tcpRemotes(),
            sb.tcpRemote(),
            kube.url(),
            plan.file("-restart.log"),
            plan.file("-restart.jfr"))) {
      PhaseCpu cpu = new PhaseCpu(cp::cpuSeconds, db.pids());
      watched = cp;
      JsonNode idle;
      try {
        cp.awaitLine("SYNCED", plan.coldTimeout());
        restartSynced = Stats.seconds(System.nanoTime() - cp.startNanos());
        idle = get(cp.idle(), cp.startNanos() + plan.coldTimeout().toNanos());
      } catch (TimeoutException | IllegalStateException e) {
        notes.add("restart: the controller was not idle within " + plan.coldTimeout() + ": " + e);
        return;
      }
      restartCatchup = Stats.seconds(idle.get("idle_nanos").asLong() - cp.startNanos());
      restartTx = idle.get("transactions").asLong();
      restartWrites = idle.get("api_writes").asLong();
      cpu.end("restart catch-up");
      log(
          String.format(
              "restart catch-up: synced %.2f s, idle %.2f s after spawn, %d NB transactions, %d"
                  + " API writes",
              restartSynced, restartCatchup, restartTx, restartWrites));
      // Anything written after the first idle moment (a late status write) shows here.
      sleep(Duration.ofSeconds(5));
      restartStats = cp.stats();
      restartLaterTx = restartStats.get("transactions").asLong();
      restartLaterWrites = restartStats.get("api_writes").asLong();
      if (restartLaterTx != restartTx || restartLaterWrites != restartWrites) {
        notes.add(
            String.format(
                "restart: 5 s after idle the controller had made %d NB transactions and %d API"
                    + " writes (at idle: %d, %d)",
                restartLaterTx, restartLaterWrites, restartTx, restartWrites));
      }
      phases.putAll(cpu.phases());
      cp.dumpRecording();
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Single-pod EIP changes, one after another, each waited for until routed again. */
  private void steady(KubeApi kube, NbWatcher nb, PodWatcher pw, List<BenchPod> pods) {
    List<BenchPod> eips = pods.stream().filter(BenchPod::eip).toList();
    for (int j = 0; j < plan.steady(); j++) {
      BenchPod p = eips.get(j % eips.size()).withExternal(Addresses.steadyEip(j));
      int before = pw.timesRouted(p.name());
      CompletableFuture<Long> commit = nb.when(v -> v.natIs(p.owner(), p.external()));
      CompletableFuture<Long> routed = pw.when(v -> v.timesRouted(p.name()) > before);
      long t0 = System.nanoTime();
      try {
        kube.annotate(p);
        long acked = System.nanoTime();
        long deadline = acked + STEP.toNanos();
        long committed = get(commit, deadline);
        steadyMs.add((committed - t0) / 1e6);
        // Without the benchmark's own write: the mock API takes tens of ms per request here.
        steadyAckedMs.add((committed - acked) / 1e6);
        steadyRoutedMs.add((get(routed, deadline) - t0) / 1e6);
      } catch (TimeoutException e) {
        notes.add("steady-state change " + j + " (" + p.name() + ") not done within " + STEP);
        return;
      }
    }
    log(
        String.format(
            "steady state: %d changes, commit p50 %.1f ms p99 %.1f ms max %.1f ms",
            steadyMs.size(),
            Stats.percentile(steadyMs, 50),
            Stats.percentile(steadyMs, 99),
            Stats.max(steadyMs)));
  }

  /** The first {@code burst} pods re-annotated at once (8 API writers), eip and snat alike. */
  private void burst(KubeApi kube, NbWatcher nb, PodWatcher pw, List<BenchPod> pods) {
    List<BenchPod> changed = new ArrayList<>();
    for (BenchPod p : pods.subList(0, Math.min(plan.burst(), pods.size()))) {
      changed.add(
          p.withExternal(
              p.eip()
                  ? Addresses.burstEip(p.index() / 2)
                  : Addresses.burstSnat((p.index() / 2) / Addresses.SNAT_GROUP)));
    }
    Map<String, Integer> before = new HashMap<>();
    changed.forEach(p -> before.put(p.name(), pw.timesRouted(p.name())));
    CompletableFuture<Long> rows =
        nb.when(v -> changed.stream().allMatch(p -> v.natIs(p.owner(), p.external())));
    CompletableFuture<Long> routed =
        pw.when(
            v -> changed.stream().allMatch(p -> v.timesRouted(p.name()) > before.get(p.name())));
    long t0 = System.nanoTime();
    try {
      kube.all(changed, kube::annotate);
      long deadline = t0 + plan.coldTimeout().toNanos();
      burst = Stats.seconds(get(rows, deadline) - t0);
      burstRouted = Stats.seconds(get(routed, deadline) - t0);
      log(
          String.format(
              "burst of %d: NB %.2f s, routed %.2f s", changed.size(), burst, burstRouted));
    } catch (TimeoutException e) {
      notes.add("burst did not converge within " + plan.coldTimeout());
    }
  }

  /** The last {@code deletes} pods deleted at once; done when their rows are gone from NB. */
  private void deletes(KubeApi kube, NbWatcher nb, List<BenchPod> pods) {
    List<BenchPod> doomed = pods.subList(Math.max(0, pods.size() - plan.deletes()), pods.size());
    CompletableFuture<Long> gone = nb.when(v -> doomed.stream().allMatch(p -> v.gone(p.owner())));
    long t0 = System.nanoTime();
    try {
      kube.all(doomed, kube::delete);
      delete = Stats.seconds(get(gone, t0 + plan.coldTimeout().toNanos()) - t0);
      log(String.format("%d deletes: rows gone after %.2f s", doomed.size(), delete));
    } catch (TimeoutException e) {
      notes.add("deleted pods' rows not gone within " + plan.coldTimeout());
    }
  }

  private void stats(ControllerProcess cp, String phase) {
    lastStats = cp.stats();
    long tx = lastStats.get("transactions").asLong();
    txByPhase.put(phase, tx - lastTx);
    lastTx = tx;
    long rc = lastStats.path("reconciles").asLong();
    double rs = lastStats.path("reconcile_s").asDouble();
    reconcilesByPhase.put(
        phase,
        String.format("%d reconciles, %.1f s in them", rc - lastReconciles, rs - lastReconcileS));
    lastReconciles = rc;
    lastReconcileS = rs;
  }

  private ControllerResult result(Map<String, double[]> phases) {
    double heap = lastStats == null ? Double.NaN : lastStats.get("heap_mb").asDouble();
    double rss = lastStats == null ? Double.NaN : lastStats.get("rss_mb").asDouble();
    double peak = lastStats == null ? Double.NaN : lastStats.get("rss_peak_mb").asDouble();
    return new ControllerResult(
        plan.total(),
        plan.n(),
        plan.mode().label,
        baselines,
        podCreate,
        synced,
        cold,
        converge,
        steadyMs,
        steadyRoutedMs,
        steadyAckedMs,
        burst,
        burstRouted,
        delete,
        lastTx,
        txByPhase,
        reconcilesByPhase,
        heap,
        rss,
        peak,
        new ControllerResult.Restart(
            restartSynced,
            restartCatchup,
            restartTx,
            restartWrites,
            restartLaterTx,
            restartLaterWrites,
            restartStats == null ? Double.NaN : restartStats.get("heap_mb").asDouble(),
            restartStats == null ? Double.NaN : restartStats.get("rss_mb").asDouble()),
        phases,
        notes);
  }

  /** The controller JVM of the phase being waited for: a dead one ends the wait at once. */
  private ControllerProcess watched;

  private <T> T get(CompletableFuture<T> f, long deadlineNanos) throws TimeoutException {
    try {
      while (true) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          throw new TimeoutException("deadline passed");
        }
        try {
          return f.get(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          ControllerProcess cp = watched;
          if (cp != null && cp.gone().isPresent()) {
            throw new IllegalStateException("the controller JVM " + cp.gone().get());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private static void sbctl(OvsdbServer sb, String... args) {
    List<String> cmd =
        new ArrayList<>(List.of("ovn-sbctl", "--db=" + sb.tcpRemote(), "--timeout=15"));
    cmd.addAll(List.of(args));
    Exec.check(sb.dir(), Duration.ofSeconds(20), cmd.toArray(String[]::new));
  }

  private static void log(String s) {
    Log.line(s);
  }
}

package io.ovneip.bench.controller;

import io.ovneip.bench.Addresses;
import io.ovneip.bench.BenchPod;
import io.ovneip.bench.Log;
import io.ovneip.bench.NbDb;
import io.ovneip.bench.Nbctl;
import io.ovneip.bench.PodPorts;
import io.ovneip.bench.RawOvsdb;
import io.ovneip.bench.RowOps;
import io.ovneip.bench.Stats;
import io.ovneip.bench.Verify;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Issue 7's references on the same rows the controller writes (per NAT pod a NAT row and a reroute
 * policy, referenced from the router), each on a fresh NB of the same mode with the base topology
 * and every pod's port (issue 17: written before the clock starts, they are the cluster): (L) one
 * raw-JSON transaction, (C) ovn-nbctl 1,000 pods per invocation, (K) ovn-nbctl once per pod on top
 * of the N rows of (C).
 *
 * @param limitSeconds (L), the median of {@code repeats} fresh runs
 * @param limitSamples every (L) run
 * @param chunkedSeconds (C)
 * @param perCommandSecondsPerPod (K), seconds per pod
 * @param limitSeenSeconds (L) until an independent monitor holds every row, as the controller's NB
 *     convergence is measured: the same yardstick, including ovsdb-server's monitor update and the
 *     monitor's parsing of it (median)
 */
record Baselines(
    double limitSeconds,
    List<Double> limitSamples,
    double chunkedSeconds,
    double perCommandSecondsPerPod,
    double limitSeenSeconds) {
  private static final Duration CALL = Duration.ofMinutes(10);

  Baselines {
    limitSamples = List.copyOf(limitSamples);
  }

  /**
   * {@code cluster}: every pod, whose ports are written first and not timed (they are the cluster,
   * not the work); the baselines write the rows of its NAT pods only.
   */
  static Baselines measure(NbDb.Mode mode, List<BenchPod> cluster, int repeats, int sample) {
    List<BenchPod> pods = cluster.stream().filter(BenchPod::nat).toList();
    int n = pods.size();
    List<Double> l = new ArrayList<>();
    List<Double> seen = new ArrayList<>();
    for (int i = 0; i < repeats; i++) {
      double[] r = limit(mode, cluster, pods);
      l.add(r[0]);
      seen.add(r[1]);
      Log.line(
          String.format(
              "  (L) %s n=%d: %.3f s (monitor saw it at %.3f s)", mode.label, n, r[0], r[1]));
    }
    double[] ck = chunkedAndPerCommand(mode, cluster, pods, sample);
    return new Baselines(Stats.median(l), l, ck[0], ck[1], Stats.median(seen));
  }

  /** {reply seconds, seconds until an independent monitor holds every row}. */
  private static double[] limit(NbDb.Mode mode, List<BenchPod> cluster, List<BenchPod> pods) {
    int n = pods.size();
    try (NbDb db = NbDb.start(mode);
        NbWatcher watcher = new NbWatcher(db.tcpRemotes())) {
      new Nbctl(db.dir(), db.unixRemotes()).baseTopology();
      PodPorts.write(db.leaderTcpRemote(), cluster);
      byte[] json = RowOps.transactJson(1, pods, true).getBytes(StandardCharsets.UTF_8);
      var seen = watcher.when(v -> v.nats() == n && v.policies() == n);
      RawOvsdb.Reply reply;
      long start = System.nanoTime();
      try (RawOvsdb raw = RawOvsdb.connect(db.leaderTcpRemote())) {
        reply = raw.call(json, 1, CALL);
      }
      double seenS;
      try {
        seenS = Stats.seconds(seen.get(CALL.toSeconds(), TimeUnit.SECONDS) - start);
      } catch (Exception e) {
        seenS = Double.NaN;
      }
      reply.checked();
      Verify.podRows(db.tcpRemotes(), n);
      return new double[] {Stats.seconds(reply.nanos()), seenS};
    }
  }

  /** {C seconds, K seconds per pod}. */
  private static double[] chunkedAndPerCommand(
      NbDb.Mode mode, List<BenchPod> cluster, List<BenchPod> pods, int sample) {
    try (NbDb db = NbDb.start(mode)) {
      Nbctl nbctl = new Nbctl(db.dir(), db.unixRemotes());
      nbctl.baseTopology();
      PodPorts.write(db.leaderTcpRemote(), cluster);
      long start = System.nanoTime();
      for (int i = 0; i < pods.size(); i += 1000) {
        nbctl.run(Nbctl.commands(pods.subList(i, Math.min(pods.size(), i + 1000)), true));
      }
      double c = Stats.seconds(System.nanoTime() - start);
      Log.line(String.format("  (C) %s n=%d: %.3f s", mode.label, pods.size(), c));
      List<BenchPod> extra = Addresses.sample(cluster.size(), sample);
      start = System.nanoTime();
      for (BenchPod p : extra) {
        nbctl.run(Nbctl.commands(List.of(p), true));
      }
      double k = Stats.seconds(System.nanoTime() - start) / sample;
      Log.line(String.format("  (K) %s n=%d: %.4f s/pod", mode.label, pods.size(), k));
      Verify.podRows(db.tcpRemotes(), pods.size() + sample);
      return new double[] {c, k};
    }
  }
}

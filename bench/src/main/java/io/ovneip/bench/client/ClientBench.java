package io.ovneip.bench.client;

import io.ovneip.bench.Addresses;
import io.ovneip.bench.Args;
import io.ovneip.bench.BenchPod;
import io.ovneip.bench.Log;
import io.ovneip.bench.Machine;
import io.ovneip.bench.NbDb;
import io.ovneip.bench.Nbctl;
import io.ovneip.bench.RawOvsdb;
import io.ovneip.bench.RowOps;
import io.ovneip.bench.Stats;
import io.ovneip.bench.Verify;
import io.ovneip.ovsdb.client.OvsdbClient;
import io.ovneip.ovsdb.client.OvsdbClientOptions;
import io.ovneip.ovsdb.protocol.Operation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 2's client benchmark: 10,000 NAT rows referenced from one router, written by our client in
 * transactions of 1, 100 and 1,000 rows over tcp and unix, against two references measured in the
 * same run on the same rows: the database's own limit (one transaction with every row, sent by
 * {@link RawOvsdb}) and {@code ovn-nbctl}. Every measurement starts on a fresh NB.
 *
 * <p>Usage: {@code ClientBench [--rows N] [--repeats R] [--sample S] [--out DIR]}.
 */
public final class ClientBench {
  private static final Duration CALL = Duration.ofMinutes(10);

  private final int rows;
  private final int repeats;
  private final int sample;
  private final List<ClientMeasurement> results = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  private ClientBench(int rows, int repeats, int sample) {
    this.rows = rows;
    this.repeats = repeats;
    this.sample = sample;
  }

  public static void main(String[] args) throws Exception {
    Args a =
        Args.parse(args)
            .allow(
                "ClientBench [--rows 10000] [--repeats 5] [--sample 100] [--out bench/results]",
                "rows",
                "repeats",
                "sample",
                "out");
    Machine machine = Machine.describe();
    ClientBench b =
        new ClientBench(
            a.integer("rows", 10_000), a.integer("repeats", 5), a.integer("sample", 100));
    b.run();
    Path out = Path.of(a.string("out", "bench/results"));
    ClientReport.write(out, machine, b.rows, b.results, b.notes);
    System.out.println(ClientReport.table(b.results));
  }

  /** One configuration to time; {@code once}: too long to repeat (10,000 round trips). */
  private record Config(String writer, String transport, int batch, boolean once) {}

  private void run() {
    List<BenchPod> pods = Addresses.eipPods(0, rows);
    List<Config> configs = new ArrayList<>();
    for (String transport : List.of("tcp", "unix")) {
      configs.add(new Config("raw", transport, rows, false));
      configs.add(new Config("raw", transport, 1000, false));
      configs.add(new Config("ours", transport, 1000, false));
      configs.add(new Config("ours", transport, 100, false));
      configs.add(new Config("ours", transport, 1, true));
    }
    // JIT warm-up: a cold JVM runs the first few 10,000-row passes 2-3x slower, which would be
    // charged to whichever configuration happens to come first.
    Log.line("warm-up (not reported)");
    for (int i = 0; i < 3; i++) {
      for (Config c : configs) {
        if (!c.once()) {
          time(c, pods);
        }
      }
    }
    // Repetitions interleaved across configurations: a slow minute on the shared machine then
    // hits every configuration alike instead of one of them.
    java.util.Map<Config, List<Double>> samples = new java.util.LinkedHashMap<>();
    for (int r = 0; r < repeats; r++) {
      Log.line("repetition " + (r + 1) + "/" + repeats);
      for (Config c : configs) {
        if (r == 0 || !c.once()) {
          samples.computeIfAbsent(c, k -> new ArrayList<>()).add(time(c, pods));
        }
      }
    }
    samples.forEach(
        (c, s) -> record(new ClientMeasurement(c.writer(), c.transport(), c.batch(), rows, s)));
    try {
      nbctl(pods);
    } catch (RuntimeException e) {
      notes.add("ovn-nbctl reference failed: " + e.getMessage());
      Log.line("ovn-nbctl reference failed: " + e);
    }
  }

  private double time(Config c, List<BenchPod> pods) {
    return c.writer().equals("raw")
        ? raw(c.transport(), c.batch(), pods)
        : ours(c.transport(), c.batch(), pods);
  }

  /** Seconds to write {@code pods} with our client in transactions of {@code batch} rows. */
  private double ours(String transport, int batch, List<BenchPod> pods) {
    try (NbDb db = NbDb.start(NbDb.Mode.STANDALONE)) {
      new Nbctl(db.dir(), db.unixRemotes()).run("lr-add", RowOps.ROUTER);
      String remote = transport.equals("tcp") ? db.tcpRemotes() : db.unixRemotes();
      try (OvsdbClient client =
          OvsdbClient.connect(OvsdbClientOptions.builder(remote).callTimeout(CALL).build())) {
        client.schema(RowOps.DB); // fetched once per client, not per transaction
        // Building the operations is the caller's work (the controller's plan encoder); the
        // client's part, encoding + socket + decoding, is what the clock sees.
        List<List<Operation>> txns = new ArrayList<>();
        for (int i = 0; i < pods.size(); i += batch) {
          txns.add(RowOps.operations(pods.subList(i, Math.min(pods.size(), i + batch)), false));
        }
        long start = System.nanoTime();
        for (List<Operation> ops : txns) {
          client.transact(RowOps.DB, ops);
        }
        long nanos = System.nanoTime() - start;
        Verify.natRows(client, pods.size());
        return Stats.seconds(nanos);
      }
    }
  }

  /** Seconds for the raw client to send pre-built transactions of {@code batch} rows. */
  private double raw(String transport, int batch, List<BenchPod> pods) {
    try (NbDb db = NbDb.start(NbDb.Mode.STANDALONE)) {
      new Nbctl(db.dir(), db.unixRemotes()).run("lr-add", RowOps.ROUTER);
      String remote = transport.equals("tcp") ? db.tcpRemotes() : db.unixRemotes();
      List<byte[]> txns = new ArrayList<>();
      for (int i = 0; i < pods.size(); i += batch) {
        List<BenchPod> slice = pods.subList(i, Math.min(pods.size(), i + batch));
        txns.add(RowOps.transactJson(i, slice, false).getBytes(StandardCharsets.UTF_8));
      }
      long nanos = 0;
      List<RawOvsdb.Reply> replies = new ArrayList<>();
      try (RawOvsdb rawClient = RawOvsdb.connect(remote)) {
        for (int t = 0; t < txns.size(); t++) {
          RawOvsdb.Reply r = rawClient.call(txns.get(t), t * batch, CALL);
          nanos += r.nanos();
          replies.add(r);
        }
      }
      replies.forEach(RawOvsdb.Reply::checked);
      Verify.natRows(db.tcpRemotes(), pods.size());
      return Stats.seconds(nanos);
    }
  }

  /** ovn-nbctl in invocations of 1,000 rows, then once per row on a sample on top of them. */
  private void nbctl(List<BenchPod> pods) {
    try (NbDb db = NbDb.start(NbDb.Mode.STANDALONE)) {
      Nbctl nbctl = new Nbctl(db.dir(), db.unixRemotes());
      nbctl.run("lr-add", RowOps.ROUTER);
      Log.line("ovn-nbctl, 1000 rows per invocation");
      long start = System.nanoTime();
      for (int i = 0; i < pods.size(); i += 1000) {
        nbctl.run(Nbctl.commands(pods.subList(i, Math.min(pods.size(), i + 1000)), false));
      }
      record(
          new ClientMeasurement(
              "ovn-nbctl",
              "unix",
              1000,
              pods.size(),
              List.of(Stats.seconds(System.nanoTime() - start))));
      Log.line("ovn-nbctl, once per row, " + sample + " rows on top of " + pods.size());
      List<BenchPod> extra = Addresses.eipPods(pods.size(), sample);
      start = System.nanoTime();
      for (BenchPod p : extra) {
        nbctl.run(Nbctl.commands(List.of(p), false));
      }
      record(
          new ClientMeasurement(
              "ovn-nbctl", "unix", 1, sample, List.of(Stats.seconds(System.nanoTime() - start))));
      Verify.natRows(db.tcpRemotes(), pods.size() + sample);
    }
  }

  private void record(ClientMeasurement m) {
    results.add(m);
    Log.line(
        String.format(
            "  -> %.3f s (%,.0f rows/s) samples %s", m.seconds(), m.rowsPerSecond(), m.samples()));
  }
}

package io.ovneip.bench.controller;

import io.ovneip.bench.Addresses;
import io.ovneip.bench.Args;
import io.ovneip.bench.Log;
import io.ovneip.bench.Machine;
import io.ovneip.bench.NbDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The controller benchmark of issues 7 and 17. For each DB mode and row: the baselines (L), (C),
 * (K), then the controller through cold start, steady state, burst, deletes and a restart catch-up
 * ({@link ControllerRun}). Results are rewritten after every row, so an interrupted benchmark still
 * leaves what it measured.
 *
 * <p>A row is {@code PODS:NAT[:HEAP]}: PODS pods in the API, each with its port in NB, of which the
 * first NAT ask for an EIP or SNAT; the controller JVM gets {@code -XmxHEAP} ({@code --heap} when
 * not given). {@code --sizes N,...} is the older spelling of rows whose pods are all NAT.
 *
 * <p>Usage: {@code ControllerBench [--rows 10000:10000,100000:10000,100000:100000:1g] [--dbs
 * standalone,cluster3] [--steady 500] [--burst 1000] [--deletes 1000] [--repeats 3] [--sample 100]
 * [--heap 256m] [--routed-owner kube-ovn] [--no-restart] [--timeout-min 30] [--name cluster-scale]
 * [--out bench/results] [--work bench/target/bench-work]}.
 */
public final class ControllerBench {
  static final String DEFAULT_ROWS = "10000:10000,100000:10000,100000:100000:1g";

  private ControllerBench() {}

  /** One row of the benchmark. */
  record Row(int total, int nat, String heap) {
    static Row parse(String spec, String defaultHeap) {
      String[] f = spec.trim().split(":");
      int total = Integer.parseInt(f[0]);
      int nat = f.length > 1 ? Integer.parseInt(f[1]) : total;
      if (nat > total || nat < 2) {
        throw new IllegalArgumentException("row " + spec + ": need 2 <= NAT <= PODS");
      }
      return new Row(total, nat, f.length > 2 ? f[2] : defaultHeap);
    }
  }

  public static void main(String[] args) throws Exception {
    Args a =
        Args.parse(args)
            .allow(
                "ControllerBench [--rows "
                    + DEFAULT_ROWS
                    + "] [--sizes N,...] [--dbs standalone,cluster3] [--steady 500]"
                    + " [--burst 1000] [--deletes 1000] [--repeats 3] [--sample 100] [--heap 256m]"
                    + " [--routed-owner kube-ovn] [--no-restart] [--timeout-min 30]"
                    + " [--name cluster-scale] [--out bench/results] [--work bench/target/bench-work]",
                "rows",
                "sizes",
                "dbs",
                "steady",
                "burst",
                "deletes",
                "repeats",
                "sample",
                "heap",
                "routed-owner",
                "no-restart",
                "timeout-min",
                "name",
                "out",
                "work");
    String heap = a.string("heap", "256m");
    String spec = a.string("rows", null);
    if (spec == null) {
      String sizes = a.string("sizes", null);
      spec = sizes != null ? sizes : DEFAULT_ROWS;
    }
    List<Row> rows = Arrays.stream(spec.split(",")).map(r -> Row.parse(r, heap)).toList();
    List<NbDb.Mode> modes =
        Arrays.stream(a.string("dbs", "standalone,cluster3").split(","))
            .map(String::trim)
            .map(NbDb.Mode::parse)
            .toList();
    Path out = Path.of(a.string("out", "bench/results"));
    String name = a.string("name", "cluster-scale");
    Path work = Path.of(a.string("work", "bench/target/bench-work")).toAbsolutePath();
    Files.createDirectories(work);
    Machine machine = Machine.describe();
    List<ControllerResult> results = new ArrayList<>();
    Map<String, JfrSummary> profiles = new LinkedHashMap<>();
    for (NbDb.Mode mode : modes) {
      for (Row row : rows) {
        String label = String.format("%,d pods / %,d NAT %s", row.total(), row.nat(), mode.label);
        Log.line("=== " + label + ": baselines");
        Baselines b =
            Baselines.measure(
                mode,
                Addresses.cluster(row.total(), row.nat()),
                a.integer("repeats", 3),
                a.integer("sample", 100));
        Log.line("=== " + label + ": controller");
        ControllerRun.Plan plan =
            new ControllerRun.Plan(
                row.total(),
                row.nat(),
                mode,
                a.integer("steady", 500),
                a.integer("burst", 1000),
                a.integer("deletes", 1000),
                row.heap(),
                a.string("routed-owner", "kube-ovn"),
                !a.flag("no-restart"),
                Duration.ofMinutes(a.integer("timeout-min", 30)),
                work);
        results.add(new ControllerRun(plan, b).run());
        for (String suffix : List.of("", "-restart")) {
          Path jfr = plan.file(suffix + ".jfr");
          if (JfrSummary.exists(jfr)) {
            profiles.put(
                label + (suffix.isEmpty() ? "" : ", restart catch-up"), JfrSummary.read(jfr));
          }
        }
        ControllerReport.write(out, name, machine, results, profiles);
        Log.line("results written to " + out);
      }
    }
  }
}

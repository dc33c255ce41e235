package io.ovneip.bench.controller;

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
 * Issue 7's controller benchmark. For each DB mode and N: the baselines (L), (C), (K), then the
 * controller through cold start, steady state, burst and deletes ({@link ControllerRun}). Results
 * are rewritten after every run, so an interrupted benchmark still leaves what it measured.
 *
 * <p>Usage: {@code ControllerBench [--sizes 1000,10000] [--dbs standalone,cluster3] [--steady 500]
 * [--burst 1000] [--deletes 1000] [--repeats 3] [--sample 100] [--heap 256m] [--timeout-min 30]
 * [--out bench/results] [--work bench/target/bench-work]}.
 */
public final class ControllerBench {
  private ControllerBench() {}

  public static void main(String[] args) throws Exception {
    Args a =
        Args.parse(args)
            .allow(
                "ControllerBench [--sizes 1000,10000] [--dbs standalone,cluster3] [--steady 500]"
                    + " [--burst 1000] [--deletes 1000] [--repeats 3] [--sample 100] [--heap 256m]"
                    + " [--timeout-min 30] [--out bench/results] [--work bench/target/bench-work]",
                "sizes",
                "dbs",
                "steady",
                "burst",
                "deletes",
                "repeats",
                "sample",
                "heap",
                "timeout-min",
                "out",
                "work");
    List<Integer> sizes =
        Arrays.stream(a.string("sizes", "1000,10000").split(","))
            .map(String::trim)
            .map(Integer::parseInt)
            .toList();
    List<NbDb.Mode> modes =
        Arrays.stream(a.string("dbs", "standalone,cluster3").split(","))
            .map(String::trim)
            .map(NbDb.Mode::parse)
            .toList();
    Path out = Path.of(a.string("out", "bench/results"));
    Path work = Path.of(a.string("work", "bench/target/bench-work")).toAbsolutePath();
    Files.createDirectories(work);
    Machine machine = Machine.describe();
    List<ControllerResult> results = new ArrayList<>();
    Map<String, JfrSummary> profiles = new LinkedHashMap<>();
    for (NbDb.Mode mode : modes) {
      for (int n : sizes) {
        Log.line("=== N=" + n + " " + mode.label + ": baselines");
        Baselines b = Baselines.measure(mode, n, a.integer("repeats", 3), a.integer("sample", 100));
        Log.line("=== N=" + n + " " + mode.label + ": controller");
        ControllerRun.Plan plan =
            new ControllerRun.Plan(
                n,
                mode,
                a.integer("steady", 500),
                a.integer("burst", 1000),
                a.integer("deletes", 1000),
                a.string("heap", "256m"),
                Duration.ofMinutes(a.integer("timeout-min", 30)),
                work);
        results.add(new ControllerRun(plan, b).run());
        Path jfr = work.resolve("controller-" + n + "-" + mode.label + ".jfr");
        if (JfrSummary.exists(jfr)) {
          profiles.put("N=" + n + " " + mode.label, JfrSummary.read(jfr));
        }
        ControllerReport.write(out, machine, results, profiles);
        Log.line("results written to " + out);
      }
    }
  }
}

package io.ovneip.bench.controller;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** {@code steady-latency.png} (CDF of steady-state latencies) and {@code convergence.png}. */
final class Plots {
  private Plots() {}

  /** Writes {@code <name>-steady-latency.png} and {@code <name>-convergence.png}. */
  static void write(Path dir, String name, List<ControllerResult> rs) {
    Chart cdf =
        new Chart(
            "Steady state: annotation write to NB commit (CDF)",
            "latency, ms (log)",
            "fraction of changes",
            true,
            false);
    for (ControllerResult r : rs) {
      cdf.add(
          new Chart.Series(
              ControllerMarkdown.label(r) + " " + r.db() + " commit",
              cdfPoints(r.steadyMs()),
              false));
      cdf.add(
          new Chart.Series(
              ControllerMarkdown.label(r) + " " + r.db() + " applied",
              cdfPoints(r.steadyRoutedMs()),
              true));
    }
    cdf.write(dir.resolve(name + "-steady-latency.png"));

    Chart conv =
        new Chart(
            "Time to write N NAT pods' rows (NAT + reroute policy)",
            "NAT pods N (log)",
            "seconds (log)",
            true,
            true);
    // One line per DB mode and cluster kind: all pods NAT, or NAT pods among 100,000.
    for (String db : rs.stream().map(Plots::kind).distinct().toList()) {
      List<ControllerResult> mine = rs.stream().filter(r -> kind(r).equals(db)).toList();
      conv.add(series("ours: NB convergence, " + db, mine, ControllerResult::nbConvergeS, false));
      conv.add(series("ours: cold start, " + db, mine, ControllerResult::coldStartS, false));
      conv.add(series("(L) limit, " + db, mine, r -> r.baselines().limitSeconds(), true));
      conv.add(series("(C) nbctl x1000, " + db, mine, r -> r.baselines().chunkedSeconds(), true));
      conv.add(
          series(
              "(K) nbctl per pod x N, " + db,
              mine,
              r -> r.baselines().perCommandSecondsPerPod() * r.n(),
              true));
    }
    conv.write(dir.resolve(name + "-convergence.png"));
  }

  private static String kind(ControllerResult r) {
    return r.db() + (r.podsTotal() == r.n() ? "" : String.format(", of %,d pods", r.podsTotal()));
  }

  private static Chart.Series series(
      String name,
      List<ControllerResult> rs,
      ToDoubleFunction<ControllerResult> y,
      boolean dashed) {
    List<double[]> pts = new ArrayList<>();
    rs.stream()
        .sorted((a, b) -> Integer.compare(a.n(), b.n()))
        .forEach(r -> pts.add(new double[] {r.n(), y.applyAsDouble(r)}));
    return new Chart.Series(name, pts, dashed);
  }

  private static List<double[]> cdfPoints(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    s.sort(Double::compare);
    List<double[]> pts = new ArrayList<>();
    for (int i = 0; i < s.size(); i++) {
      pts.add(new double[] {Math.max(0.01, s.get(i)), (i + 1.0) / s.size()});
    }
    return pts;
  }
}

package io.ovneip.bench;

import java.util.Arrays;
import java.util.List;

/** Small statistics over measured durations. */
public final class Stats {
  private Stats() {}

  public static double median(List<Double> xs) {
    return percentile(xs, 50);
  }

  /** Nearest-rank percentile (p in 0..100) of {@code xs}. */
  public static double percentile(List<Double> xs, double p) {
    if (xs.isEmpty()) {
      return Double.NaN;
    }
    double[] s = xs.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(s);
    int rank = (int) Math.ceil(p / 100.0 * s.length);
    return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
  }

  public static double max(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  public static double seconds(long nanos) {
    return nanos / 1e9;
  }

  /** Rounds for presentation (results keep 3-4 significant decimals, not noise). */
  public static double round(double x, int decimals) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return x;
    }
    double f = Math.pow(10, decimals);
    return Math.round(x * f) / f;
  }
}

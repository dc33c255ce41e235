package io.ovneip.bench.client;

import io.ovneip.bench.Stats;
import java.util.List;

/**
 * One line of the client benchmark.
 *
 * @param writer who wrote the rows: {@code ours}, {@code raw} (the limit) or {@code ovn-nbctl}
 * @param transport {@code tcp} or {@code unix}
 * @param rowsPerTxn rows per transaction (per invocation for ovn-nbctl)
 * @param rows rows written per repetition
 * @param samples seconds of each repetition
 */
public record ClientMeasurement(
    String writer, String transport, int rowsPerTxn, int rows, List<Double> samples) {
  public ClientMeasurement {
    samples = List.copyOf(samples);
  }

  /** The median repetition. */
  public double seconds() {
    return Stats.median(samples);
  }

  public double rowsPerSecond() {
    return rows / seconds();
  }

  /** Seconds per row, comparable across measurements of different sizes. */
  public double secondsPerRow() {
    return seconds() / rows;
  }
}

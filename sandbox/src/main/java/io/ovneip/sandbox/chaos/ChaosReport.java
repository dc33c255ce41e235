package io.ovneip.sandbox.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a chaos run saw: per fault, how often it ran, how often the check held afterwards, the worst
 * time from the end of the fault to convergence, and the violations; the seed and the event log to
 * replay a failure.
 */
public final class ChaosReport {
  /** The counts of one fault. */
  public static final class FaultStats {
    int runs;
    int converged;
    Duration worst = Duration.ZERO;
    final List<String> violations = new ArrayList<>();

    public int runs() {
      return runs;
    }

    public int converged() {
      return converged;
    }

    public Duration worst() {
      return worst;
    }

    public List<String> violations() {
      return Collections.unmodifiableList(violations);
    }
  }

  private final long seed;
  private final Map<String, FaultStats> faults = new LinkedHashMap<>();
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());

  ChaosReport(long seed) {
    this.seed = seed;
  }

  synchronized void converged(String fault, Duration took) {
    FaultStats s = faults.computeIfAbsent(fault, f -> new FaultStats());
    s.runs++;
    s.converged++;
    if (took.compareTo(s.worst) > 0) {
      s.worst = took;
    }
  }

  synchronized void violated(String fault, List<String> why) {
    FaultStats s = faults.computeIfAbsent(fault, f -> new FaultStats());
    s.runs++;
    s.violations.addAll(why.isEmpty() ? List.of("did not converge") : why);
  }

  void log(String line) {
    log.add(line);
  }

  public long seed() {
    return seed;
  }

  public synchronized boolean ok() {
    return faults.values().stream().allMatch(s -> s.violations.isEmpty());
  }

  public synchronized Map<String, FaultStats> faults() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(faults));
  }

  public List<String> eventLog() {
    synchronized (log) {
      return List.copyOf(log);
    }
  }

  /** A Markdown table, one row per fault. */
  public synchronized String table() {
    StringBuilder s =
        new StringBuilder(
            "| fault | runs | converged | worst time to converge | invariant violations |\n"
                + "|---|---:|---:|---:|---:|\n");
    faults.forEach(
        (name, f) ->
            s.append(
                "| %s | %d | %d | %.1f s | %d |%n"
                    .formatted(
                        name,
                        f.runs,
                        f.converged,
                        f.worst.toMillis() / 1000.0,
                        f.violations.size())));
    return s.toString();
  }

  /** What a failure prints: the seed to replay, the violations and the whole event log. */
  public String failureText() {
    StringBuilder s =
        new StringBuilder("chaos run failed; replay with -Dchaos.seed=" + seed + "\n" + table());
    faults()
        .forEach(
            (name, f) ->
                f.violations.forEach(
                    v ->
                        s.append("VIOLATION after ")
                            .append(name)
                            .append(": ")
                            .append(v)
                            .append('\n')));
    s.append("--- event log ---\n");
    eventLog().forEach(l -> s.append(l).append('\n'));
    return s.toString();
  }
}

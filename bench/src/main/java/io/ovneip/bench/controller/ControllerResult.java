package io.ovneip.bench.controller;

import io.ovneip.bench.Stats;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row (pods, NAT pods, DB mode) of the controller benchmark; {@code n} is the NAT pods, whose
 * rows are the work. Durations in seconds unless named otherwise; NaN where a phase did not finish
 * (its note says why).
 *
 * @param syncedS from spawning the controller JVM to {@code Controller.start} returning
 * @param steadyMs every steady-state latency, annotation write to NB commit, in order
 * @param steadyRoutedMs the same changes, annotation write to {@code routed} set again
 * @param steadyAckedMs the same changes, from the API acknowledging the write to NB commit
 * @param podsTotal every pod in the API and with its port in NB, NAT or not
 * @param restart the restart catch-up (issue 17), NaN / -1 where not measured
 * @param phases per phase: wall seconds and CPU seconds of the controller JVM, this JVM (the
 *     Kubernetes API mock, the monitors) and ovsdb-server(s)
 * @param notes what went wrong or deserves a word, in the order it happened
 */
record ControllerResult(
    int podsTotal,
    int n,
    String db,
    Baselines baselines,
    double podCreateS,
    double syncedS,
    double coldStartS,
    double nbConvergeS,
    List<Double> steadyMs,
    List<Double> steadyRoutedMs,
    List<Double> steadyAckedMs,
    double burstS,
    double burstRoutedS,
    double deleteS,
    long transactions,
    Map<String, Long> transactionsByPhase,
    Map<String, String> reconcilesByPhase,
    double heapMb,
    double rssMb,
    double rssPeakMb,
    Restart restart,
    Map<String, double[]> phases,
    List<String> notes) {

  ControllerResult {
    steadyMs = List.copyOf(steadyMs);
    steadyRoutedMs = List.copyOf(steadyRoutedMs);
    steadyAckedMs = List.copyOf(steadyAckedMs);
    transactionsByPhase = Collections.unmodifiableMap(new LinkedHashMap<>(transactionsByPhase));
    reconcilesByPhase = Collections.unmodifiableMap(new LinkedHashMap<>(reconcilesByPhase));
    // Phases keep their order (cold start, steady state, ...): the report lists them so.
    phases = Collections.unmodifiableMap(new LinkedHashMap<>(phases));
    notes = List.copyOf(notes);
  }

  /**
   * A second controller JVM on the settled cluster after the first was killed with SIGKILL.
   *
   * @param syncedS from its spawn until {@code Controller.start} returned (replicas and informers
   *     synced)
   * @param catchupS from its spawn until it was first idle after its full reconcile
   * @param nbTxns NB transactions it sent until then
   * @param apiWrites Kubernetes API write requests it sent until then
   * @param laterNbTxns the same 5 s after that moment
   * @param laterApiWrites the same 5 s after that moment
   * @param heapMb its heap after GC then
   * @param rssMb its RSS then
   */
  record Restart(
      double syncedS,
      double catchupS,
      long nbTxns,
      long apiWrites,
      long laterNbTxns,
      long laterApiWrites,
      double heapMb,
      double rssMb) {}

  double oursSecondsPerPod() {
    return nbConvergeS / n;
  }

  double steadyP50() {
    return Stats.percentile(steadyMs, 50);
  }

  double steadyP99() {
    return Stats.percentile(steadyMs, 99);
  }

  /** Exactly the keys issue 7 names, in its order. */
  Map<String, Object> issueJson() {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("n", n);
    o.put("pods_total", podsTotal);
    o.put("nat_pods", n);
    o.put("db", db);
    o.put("nb_converge_s", num(nbConvergeS, 3));
    o.put("cold_start_s", num(coldStartS, 3));
    o.put("limit_L_s", num(baselines.limitSeconds(), 3));
    o.put("nbctl_chunked_C_s", num(baselines.chunkedSeconds(), 3));
    o.put("per_command_K_s_per_pod", num(baselines.perCommandSecondsPerPod(), 4));
    o.put("ours_s_per_pod", num(oursSecondsPerPod(), 7));
    o.put("steady_p50_ms", num(steadyP50(), 1));
    o.put("steady_p99_ms", num(steadyP99(), 1));
    o.put("burst_s", num(burstS, 3));
    o.put("delete_s", num(deleteS, 3));
    o.put("transactions", transactions);
    o.put("heap_mb", num(heapMb, 1));
    o.put("rss_mb", num(rssMb, 1));
    o.put("restart_catchup_s", num(restart.catchupS(), 3));
    o.put("restart_synced_s", num(restart.syncedS(), 3));
    o.put("restart_nb_txns", restart.nbTxns() < 0 ? null : restart.nbTxns());
    o.put("restart_api_writes", restart.apiWrites() < 0 ? null : restart.apiWrites());
    o.put("restart_heap_mb", num(restart.heapMb(), 1));
    o.put("restart_rss_mb", num(restart.rssMb(), 1));
    return o;
  }

  /** JSON has no NaN: a phase that did not finish is null. */
  static Double num(double x, int decimals) {
    return Double.isNaN(x) ? null : Stats.round(x, decimals);
  }
}

package io.ovneip.bench.controller;

import io.ovneip.bench.Machine;
import io.ovneip.bench.Stats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes the results under a name ({@code cluster-scale} by default): {@code <name>.json} (one
 * object per row, issue 7's keys and issue 17's), {@code <name>-details.json} (every sample),
 * {@code <name>.md} (table, ratios, goals, profile) and the plots.
 */
final class ControllerReport {
  private ControllerReport() {}

  static void write(
      Path dir,
      String name,
      Machine machine,
      List<ControllerResult> rs,
      Map<String, JfrSummary> profiles) {
    try {
      Files.createDirectories(dir);
      ObjectMapper json = new ObjectMapper();
      Files.writeString(
          dir.resolve(name + ".json"),
          json.writerWithDefaultPrettyPrinter()
                  .writeValueAsString(rs.stream().map(ControllerResult::issueJson).toList())
              + "\n");
      Files.writeString(
          dir.resolve(name + "-details.json"),
          json.writerWithDefaultPrettyPrinter().writeValueAsString(details(machine, rs)) + "\n");
      Files.writeString(
          dir.resolve(name + ".md"), ControllerMarkdown.render(machine, name, rs, profiles));
      Plots.write(dir, name, rs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> details(Machine machine, List<ControllerResult> rs) {
    List<Map<String, Object>> runs = new ArrayList<>();
    for (ControllerResult r : rs) {
      Map<String, Object> o = new LinkedHashMap<>(r.issueJson());
      o.put("limit_L_samples_s", r.baselines().limitSamples());
      o.put("limit_L_seen_by_monitor_s", ControllerResult.num(r.baselines().limitSeenSeconds(), 3));
      o.put("pod_create_s", ControllerResult.num(r.podCreateS(), 3));
      o.put("jvm_start_to_synced_s", ControllerResult.num(r.syncedS(), 3));
      o.put("steady_max_ms", ControllerResult.num(Stats.max(r.steadyMs()), 1));
      o.put(
          "steady_routed_p50_ms",
          ControllerResult.num(Stats.percentile(r.steadyRoutedMs(), 50), 1));
      o.put(
          "steady_routed_p99_ms",
          ControllerResult.num(Stats.percentile(r.steadyRoutedMs(), 99), 1));
      o.put(
          "steady_acked_p50_ms", ControllerResult.num(Stats.percentile(r.steadyAckedMs(), 50), 1));
      o.put(
          "steady_acked_p99_ms", ControllerResult.num(Stats.percentile(r.steadyAckedMs(), 99), 1));
      o.put("burst_routed_s", ControllerResult.num(r.burstRoutedS(), 3));
      o.put("rss_peak_mb", ControllerResult.num(r.rssPeakMb(), 1));
      o.put("restart_nb_txns_5s_later", r.restart().laterNbTxns());
      o.put("restart_api_writes_5s_later", r.restart().laterApiWrites());
      o.put("transactions_by_phase", r.transactionsByPhase());
      o.put("reconciles_by_phase", r.reconcilesByPhase());
      Map<String, Object> phases = new LinkedHashMap<>();
      r.phases()
          .forEach(
              (k, v) ->
                  phases.put(
                      k,
                      Map.of(
                          "wall_s", Stats.round(v[0], 2),
                          "controller_cpu_s", Stats.round(v[1], 2),
                          "bench_and_api_cpu_s", Stats.round(v[2], 2),
                          "ovsdb_cpu_s", Stats.round(v[3], 2))));
      o.put("phases", phases);
      o.put("steady_ms", r.steadyMs().stream().map(x -> Stats.round(x, 2)).toList());
      o.put("steady_routed_ms", r.steadyRoutedMs().stream().map(x -> Stats.round(x, 2)).toList());
      o.put("steady_acked_ms", r.steadyAckedMs().stream().map(x -> Stats.round(x, 2)).toList());
      o.put("notes", r.notes());
      runs.add(o);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("machine", machine.facts());
    doc.put("runs", runs);
    return doc;
  }
}

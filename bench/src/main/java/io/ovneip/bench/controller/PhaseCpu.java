package io.ovneip.bench.controller;

import io.ovneip.bench.Cpu;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Wall time and CPU time per phase of the controller JVM, this JVM (the API mock, informer,
 * monitor) and ovsdb-server: on 2 shared cores, "the controller is slow" and "the mock API server
 * is slow" look the same from the outside.
 */
final class PhaseCpu {
  private final DoubleSupplier controller;
  private final List<Long> ovsdbPids;
  private final Map<String, double[]> phases = new LinkedHashMap<>();
  private double[] mark;

  PhaseCpu(DoubleSupplier controller, List<Long> ovsdbPids) {
    this.controller = controller;
    this.ovsdbPids = List.copyOf(ovsdbPids);
    this.mark = now();
  }

  private double[] now() {
    return new double[] {
      System.nanoTime() / 1e9, controller.getAsDouble(), Cpu.self(), Cpu.seconds(ovsdbPids)
    };
  }

  /** Closes the phase started at the previous mark: {wall, controller, bench, ovsdb} seconds. */
  void end(String phase) {
    double[] n = now();
    double[] d = new double[n.length];
    for (int i = 0; i < n.length; i++) {
      d[i] = n[i] - mark[i];
    }
    phases.put(phase, d);
    mark = n;
  }

  /** Starts a new phase from now without recording the time since the last mark. */
  void restart() {
    mark = now();
  }

  Map<String, double[]> phases() {
    return phases;
  }
}

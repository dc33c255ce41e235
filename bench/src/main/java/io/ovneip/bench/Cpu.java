package io.ovneip.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;

/** CPU time of processes, to say which one a phase's time went to. */
public final class Cpu {
  private Cpu() {}

  /** CPU seconds of {@code pid} (user + system), from /proc; 0 when it is gone. */
  public static double seconds(long pid) {
    return ProcessHandle.of(pid)
            .flatMap(p -> p.info().totalCpuDuration())
            .map(Duration::toNanos)
            .orElse(0L)
        / 1e9;
  }

  public static double seconds(List<Long> pids) {
    return pids.stream().mapToDouble(Cpu::seconds).sum();
  }

  /** CPU seconds of this JVM (the benchmark, its Kubernetes API mock and its NB monitor). */
  public static double self() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1e9;
  }
}

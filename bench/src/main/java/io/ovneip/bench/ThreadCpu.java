package io.ovneip.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of this JVM's threads whose names start with given prefixes, between two points. The
 * load driver runs its clients in the same JVM as the API it loads; this separates the API's CPU
 * from theirs. Threads that end between the two points lose their time: a lower bound.
 */
public final class ThreadCpu {
  private final List<String> prefixes;
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Map<Long, Long> start = new HashMap<>();

  public ThreadCpu(List<String> prefixes) {
    this.prefixes = List.copyOf(prefixes);
    snapshot().forEach(start::put);
  }

  /** CPU seconds the matching threads used since construction. */
  public double seconds() {
    long total = 0;
    for (Map.Entry<Long, Long> e : snapshot().entrySet()) {
      total += e.getValue() - start.getOrDefault(e.getKey(), 0L);
    }
    return total / 1e9;
  }

  private Map<Long, Long> snapshot() {
    Map<Long, Long> cpu = new HashMap<>();
    for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (t != null && prefixes.stream().anyMatch(t.getThreadName()::startsWith)) {
        long ns = threads.getThreadCpuTime(t.getThreadId());
        if (ns >= 0) {
          cpu.put(t.getThreadId(), ns);
        }
      }
    }
    return cpu;
  }
}

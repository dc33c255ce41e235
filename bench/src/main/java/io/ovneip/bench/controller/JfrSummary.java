package io.ovneip.bench.controller;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the controller's CPU went, from the JFR recording of its JVM: execution samples by thread,
 * by the innermost {@code io.ovneip} frame (which of our code was running, library time included),
 * by top frame, and the total GC pause time.
 */
record JfrSummary(
    int samples,
    Map<String, Integer> byThread,
    Map<String, Integer> byOurFrame,
    Map<String, Integer> byTopFrame,
    double gcPauseSeconds,
    int gcCount,
    double jitSeconds) {

  static JfrSummary read(Path jfr) {
    Map<String, Integer> threads = new HashMap<>();
    Map<String, Integer> ours = new HashMap<>();
    Map<String, Integer> top = new HashMap<>();
    int samples = 0;
    double gc = 0;
    int gcs = 0;
    double jit = 0;
    try (RecordingFile f = new RecordingFile(jfr)) {
      while (f.hasMoreEvents()) {
        RecordedEvent e = f.readEvent();
        String type = e.getEventType().getName();
        if (type.equals("jdk.ExecutionSample")) {
          samples++;
          String thread =
              e.getThread("sampledThread") == null
                  ? "?"
                  : e.getThread("sampledThread").getJavaName();
          threads.merge(threadGroup(thread), 1, Integer::sum);
          RecordedStackTrace st = e.getStackTrace();
          if (st != null && !st.getFrames().isEmpty()) {
            List<RecordedFrame> frames = st.getFrames();
            top.merge(name(frames.get(0)), 1, Integer::sum);
            String our =
                frames.stream()
                    .filter(fr -> fr.getMethod().getType().getName().startsWith("io.ovneip"))
                    .findFirst()
                    .map(JfrSummary::name)
                    .orElse("(no io.ovneip frame: library/JDK threads)");
            ours.merge(our, 1, Integer::sum);
          }
        } else if (type.equals("jdk.Compilation")) {
          jit += e.getDuration().toNanos() / 1e9;
        } else if (type.equals("jdk.GarbageCollection")) {
          gc += e.getDuration("sumOfPauses").toNanos() / 1e9;
          gcs++;
        }
      }
    } catch (IOException e) {
      return new JfrSummary(0, Map.of(), Map.of(), Map.of(), Double.NaN, 0, Double.NaN);
    }
    return new JfrSummary(samples, threads, ours, top, gc, gcs, jit);
  }

  static boolean exists(Path jfr) {
    return Files.isRegularFile(jfr);
  }

  /** Pool threads differ only by a number; count them together. */
  private static String threadGroup(String name) {
    return name.replaceAll("-?\\d+$", "").replaceAll("-\\d+-", "-N-");
  }

  private static String name(RecordedFrame f) {
    String t = f.getMethod().getType().getName();
    return t.substring(t.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
  }

  /** A Markdown section: the top entries of each breakdown as shares of all samples. */
  String markdown(int top) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            "%d execution samples of Java code (JFR `profile` settings, every 10-20 ms per"
                + " running thread); GC: %d collections, %.2f s paused in total; JIT: %.1f s of"
                + " compilation (compiler threads, not sampled above: on a cold JVM with 2 busy"
                + " cores this is a large part of the controller's CPU).%n%n",
            samples, gcCount, gcPauseSeconds, jitSeconds));
    section(sb, "Threads", byThread, top);
    section(sb, "Innermost io.ovneip frame (our code running, callees included)", byOurFrame, top);
    section(sb, "Top frame (self time)", byTopFrame, top);
    return sb.toString();
  }

  private void section(StringBuilder sb, String title, Map<String, Integer> m, int top) {
    sb.append("| ").append(title).append(" | share |\n|---|---:|\n");
    m.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(top)
        .forEach(
            e ->
                sb.append(
                    String.format(
                        "| `%s` | %.1f%% |%n", e.getKey(), 100.0 * e.getValue() / samples)));
    sb.append('\n');
  }
}

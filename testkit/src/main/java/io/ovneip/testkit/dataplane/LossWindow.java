package io.ovneip.testkit.dataplane;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The loss window of a failover as a steady ping stream saw it ({@code ping -D -i 0.02}): the
 * longest time between two consecutive replies. Measured, never asserted as a timing (the 2-core
 * machine adds 40-60 ms of noise: multinode lab notes, trap 15).
 *
 * @param replies how many replies arrived
 * @param longestGapMillis the longest time between two consecutive replies, in ms
 * @param gapStartMicros when that gap began (the last reply before it), epoch microseconds
 */
public record LossWindow(int replies, long longestGapMillis, long gapStartMicros) {
  // "[1700000000.123456] 64 bytes from 172.56.0.233: icmp_seq=1 ttl=62 time=0.5 ms"
  private static final Pattern REPLY =
      Pattern.compile(
          "^\\[(\\d+)\\.(\\d{6})\\] \\d+ bytes from .*icmp_seq=(\\d+)", Pattern.MULTILINE);

  /** Reads {@code ping -D} output; a stream with fewer than two replies has no gap (0). */
  public static LossWindow ofPing(String output) {
    List<Long> times = new ArrayList<>();
    Matcher m = REPLY.matcher(output);
    while (m.find()) {
      times.add(Long.parseLong(m.group(1)) * 1_000_000L + Long.parseLong(m.group(2)));
    }
    long longest = 0;
    long start = times.isEmpty() ? 0 : times.get(0);
    for (int i = 1; i < times.size(); i++) {
      long gap = times.get(i) - times.get(i - 1);
      if (gap > longest) {
        longest = gap;
        start = times.get(i - 1);
      }
    }
    return new LossWindow(times.size(), longest / 1000, start);
  }

  /** The replies whose receive time is at or after {@code epochMillis}. */
  public static int repliesAfter(String output, long epochMillis) {
    int n = 0;
    Matcher m = REPLY.matcher(output);
    while (m.find()) {
      if (Long.parseLong(m.group(1)) * 1000L + Long.parseLong(m.group(2)) / 1000 >= epochMillis) {
        n++;
      }
    }
    return n;
  }
}

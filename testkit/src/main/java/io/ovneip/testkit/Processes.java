package io.ovneip.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Liveness and signals for processes we did not spawn directly (detached daemons). */
public final class Processes {
  private Processes() {}

  /**
   * True when {@code pid} exists and is not a zombie. {@code kill -0} is not proof of life here:
   * PID 1 on these machines reaps late, so a dead daemon stays {@code <defunct>} for a while.
   */
  public static boolean alive(long pid) {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    try {
      String s = Files.readString(stat);
      // Format: "pid (comm) S ...": comm may hold spaces and parens, so look after the last ')'.
      int close = s.lastIndexOf(')');
      char state = s.charAt(close + 2);
      return state != 'Z' && state != 'X';
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Sends SIGKILL ({@code force}) or SIGTERM to {@code pid}, if it still exists. */
  static void signal(long pid, boolean force) {
    ProcessHandle.of(pid)
        .ifPresent(
            h -> {
              if (force) {
                h.destroyForcibly();
              } else {
                h.destroy();
              }
            });
  }

  /** Waits until {@code pid} is gone or a zombie; false on timeout. */
  static boolean awaitDeath(long pid, Duration timeout) {
    return Waits.poll(timeout, () -> !alive(pid));
  }
}

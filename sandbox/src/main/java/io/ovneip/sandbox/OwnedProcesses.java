package io.ovneip.sandbox;

import io.ovneip.testkit.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Stops processes the sandbox started, and only those. A recorded pid may have been reused by an
 * unrelated process since, so a pid counts as ours only while it is alive and its command line
 * names the sandbox dir (the daemon's {@code --dir DIR}, the OVN daemons' {@code
 * --pidfile=DIR/...}).
 */
final class OwnedProcesses {
  private OwnedProcesses() {}

  static boolean runningAndOurs(long pid, Path dir) {
    if (!Processes.alive(pid)) {
      return false;
    }
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
      String d = dir.toString();
      for (String arg : new String(raw, StandardCharsets.UTF_8).split("\0")) {
        if (arg.equals(d) || arg.contains(d + "/")) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return false; // gone meanwhile
    }
  }

  /**
   * SIGTERM, then SIGKILL after {@code grace}; true when the process is gone. Liveness is read from
   * {@code /proc/PID/stat}: PID 1 on these machines reaps late, so a dead process may linger as a
   * zombie for a while and {@code kill -0} would still succeed.
   */
  static boolean stop(long pid, Duration grace) {
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    if (awaitDeath(pid, grace)) {
      return true;
    }
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    return awaitDeath(pid, Duration.ofSeconds(10));
  }

  static boolean awaitDeath(long pid, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (Processes.alive(pid)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return !Processes.alive(pid);
      }
    }
    return true;
  }
}

package io.ovneip.sandbox;

import io.ovneip.testkit.dataplane.Dataplane;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code down}: stops the processes recorded under {@code DIR/pids} that are still ours, the daemon
 * first (it stops the OVN daemons itself, in order), then any survivor; then removes the state.
 * Running it again, or on a dir that never held a sandbox, is harmless.
 */
final class SandboxStopper {
  private static final Duration DAEMON_GRACE = Duration.ofSeconds(30);
  private static final Duration PROCESS_GRACE = Duration.ofSeconds(10);

  private SandboxStopper() {}

  /** Stops everything and removes the state; returns the number of processes that were stopped. */
  static int down(SandboxLayout layout, PrintStream out) {
    if (!Files.isDirectory(layout.dir())) {
      out.println("no sandbox in " + layout.dir() + ": nothing to do");
      return 0;
    }
    int stopped = stopAll(layout, out);
    removeState(layout);
    out.println(
        "sandbox in "
            + layout.dir()
            + " is down ("
            + stopped
            + " process"
            + (stopped == 1 ? "" : "es")
            + " stopped, state removed)");
    return stopped;
  }

  static int stopAll(SandboxLayout layout, PrintStream out) {
    Map<String, Long> pids = PidRecords.read(layout.pids());
    int stopped = 0;
    Long daemon = pids.remove("daemon");
    if (daemon != null && stop("daemon", daemon, DAEMON_GRACE, layout, out)) {
      stopped++;
    }
    for (Map.Entry<String, Long> e : pids.entrySet()) {
      if (stop(e.getKey(), e.getValue(), PROCESS_GRACE, layout, out)) {
        stopped++;
      }
    }
    if (Files.exists(layout.dataplaneMarker())) {
      reclaimDataplane(out);
    }
    return stopped;
  }

  /**
   * A daemon that stopped cleanly closed its dataplane; one that was killed left namespaces, veths,
   * taps and OVS daemons behind, listed in the dataplane's machine-wide manifest: remove them.
   */
  private static void reclaimDataplane(PrintStream out) {
    for (Runnable reclaim :
        List.<Runnable>of(
            Dataplane::reclaimLeftovers, io.ovneip.testkit.dataplane.Cluster::reclaimLeftovers)) {
      try {
        reclaim.run();
      } catch (IllegalStateException busy) {
        // Another dataplane holds the lock now; taking it, it already reclaimed what ours left.
        out.println("not reclaiming dataplane leftovers: " + busy.getMessage());
      }
    }
  }

  private static boolean stop(
      String name, long pid, Duration grace, SandboxLayout layout, PrintStream out) {
    if (!OwnedProcesses.runningAndOurs(pid, layout.dir())) {
      return false;
    }
    out.println("stopping " + name + " (pid " + pid + ")");
    if (!OwnedProcesses.stop(pid, grace)) {
      throw new SandboxLauncher.SandboxException(
          name + " (pid " + pid + ") survived SIGKILL; state kept in " + layout.dir());
    }
    return true;
  }

  /** Deletes what the sandbox created in its dir, then the dir itself if that left it empty. */
  static void removeState(SandboxLayout layout) {
    for (Path p : layout.state()) {
      deleteRecursively(p);
    }
    try (Stream<Path> rest = Files.list(layout.dir())) {
      if (rest.findAny().isEmpty()) {
        Files.delete(layout.dir());
      }
    } catch (IOException e) {
      // Not empty or already gone: the user's own files stay.
    }
  }

  private static void deleteRecursively(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> all = Files.walk(p)) {
      for (Path q : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + p, e);
    }
  }
}

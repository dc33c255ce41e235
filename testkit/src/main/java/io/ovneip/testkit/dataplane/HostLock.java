package io.ovneip.testkit.dataplane;

import io.ovneip.testkit.Processes;
import io.ovneip.testkit.TempDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dataplane per machine (pitfall 8: {@code br-int}, {@code ovs-netdev} and the NIC name are
 * machine-wide). An exclusive lock on a well-known file says a dataplane runs; the kernel drops it
 * when its JVM dies, however it dies. Beside it, a manifest lists what the owner created (daemon
 * pids, links, namespaces, its dir), so the next owner can reclaim what a crashed one left behind
 * and never touches anything it did not create.
 */
final class HostLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HostLock.class);
  static final Path LOCK = Path.of("/tmp/ovn-eip-dataplane.lock");
  static final Path MANIFEST = Path.of("/tmp/ovn-eip-dataplane.manifest");

  /** The multi-chassis {@link Cluster}'s own lock: its names never clash with the above. */
  static final Path CLUSTER_LOCK = Path.of("/tmp/ovn-eip-multinode.lock");

  static final Path CLUSTER_MANIFEST = Path.of("/tmp/ovn-eip-multinode.manifest");

  private final FileChannel channel;
  private final FileLock lock;
  private final Path manifest;

  private HostLock(FileChannel channel, FileLock lock, Path manifest) {
    this.channel = channel;
    this.lock = lock;
    this.manifest = manifest;
  }

  /** Takes the machine-wide lock, or fails saying who holds it; then reclaims leftovers. */
  static HostLock acquire(Path scratch) {
    return acquire(scratch, LOCK, MANIFEST);
  }

  /** The same for another lock file and manifest (another kind of dataplane). */
  static HostLock acquire(Path scratch, Path lockFile, Path manifestFile) {
    try {
      FileChannel ch =
          FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        ch.close();
        throw new IllegalStateException(
            "a dataplane already runs on this machine ("
                + owner(manifestFile)
                + "); bridge and tap names are machine-wide, so only one can run at a time"
                + " (stop it first)");
      }
      HostLock held = new HostLock(ch, lock, manifestFile);
      reclaim(scratch, manifestFile);
      Files.writeString(manifestFile, "owner " + ProcessHandle.current().pid() + "\n");
      return held;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot take the dataplane lock " + lockFile, e);
    }
  }

  private static String owner(Path manifest) {
    try {
      return Files.exists(manifest)
          ? Files.readAllLines(manifest).stream().findFirst().orElse("owner unknown")
          : "owner unknown";
    } catch (IOException e) {
      return "owner unknown";
    }
  }

  /** Appends one created resource: {@code pid N DIR}, {@code link NAME}, {@code netns NAME}... */
  void record(String kind, String value) {
    try {
      Files.writeString(
          manifest, kind + " " + value + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + manifest, e);
    }
  }

  /**
   * Removes what the last owner listed and did not clean up (its JVM died: the lock was free). A
   * pid is killed only if its command line still names the owner's dir, so a recycled pid is safe.
   */
  private static void reclaim(Path scratch, Path manifest) throws IOException {
    if (!Files.exists(manifest)) {
      return;
    }
    List<String> lines = Files.readAllLines(manifest);
    if (lines.size() > 1) {
      LOG.warn("reclaiming what a dataplane that did not stop cleanly left: {}", lines);
    }
    for (String kind : List.of("pid", "link", "netns", "dir")) {
      for (String line : lines) {
        String[] f = line.split(" ", 3);
        if (f[0].equals(kind)) {
          reclaimOne(scratch, f);
        }
      }
    }
    Files.deleteIfExists(manifest);
  }

  private static void reclaimOne(Path scratch, String[] f) {
    switch (f[0]) {
      case "pid" -> {
        long pid = Long.parseLong(f[1]);
        if (Processes.alive(pid) && cmdline(pid).contains(f[2])) {
          // Waited for: a userspace vswitchd's taps (br-int, ovs-netdev) go only when it has
          // exited, and the links are removed next.
          ProcessHandle.of(pid).ifPresent(HostLock::killAndWait);
        }
      }
      case "link" -> Links.deleteLink(scratch, f[1]);
      case "netns" -> Links.deleteNetns(scratch, f[1]);
      case "dir" -> TempDirs.delete(Path.of(f[1]));
      default -> {}
    }
  }

  private static void killAndWait(ProcessHandle p) {
    p.destroyForcibly();
    try {
      p.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
      LOG.warn("pid {} has not exited 10 s after SIGKILL", p.pid());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String cmdline(long pid) {
    try {
      return new String(
          Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** Forgets the manifest (everything was removed) and releases the lock. */
  @Override
  public void close() {
    try {
      Files.deleteIfExists(manifest);
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release the dataplane lock", e);
    }
  }
}

package io.ovneip.agent;

import io.ovneip.testkit.Exec;
import io.ovneip.testkit.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real {@code ovs-vswitchd} on a test database, files under the database's temp dir. The
 * userspace datapath is the only one here (no kernel module): bridges need {@code
 * datapath_type=netdev}. Stopped with {@code exit --cleanup} so netdev bridges leave no tap devices
 * behind (lab notes, pitfall 5).
 */
final class Vswitchd implements AutoCloseable {
  private final Path dir;
  private final long pid;

  private Vswitchd(Path dir, long pid) {
    this.dir = dir;
    this.pid = pid;
  }

  /**
   * {@code --detach} returns once it has connected to {@code db} (pitfall 4: it blocks till then).
   */
  static Vswitchd start(Path dir, String db) throws Exception {
    Path pidFile = dir.resolve("vswitchd.pid");
    Exec.check(
        dir,
        Duration.ofSeconds(30),
        "ovs-vswitchd",
        "--detach",
        "--no-chdir",
        "--pidfile=" + pidFile,
        "--log-file=" + dir.resolve("vswitchd.log"),
        "--unixctl=" + dir.resolve("vswitchd.ctl"),
        db);
    // Read once: the daemon deletes its pid file when it exits (pitfall 6).
    return new Vswitchd(dir, Long.parseLong(Files.readString(pidFile).trim()));
  }

  String log() throws Exception {
    return Files.readString(dir.resolve("vswitchd.log"));
  }

  @Override
  public void close() {
    try {
      Exec.run(
          dir,
          Duration.ofSeconds(15),
          java.util.List.of(
              "ovs-appctl", "-t", dir.resolve("vswitchd.ctl").toString(), "exit", "--cleanup"));
    } finally {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (Processes.alive(pid) && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
    }
  }
}

package io.ovneip.testkit.dataplane;

import io.ovneip.testkit.Exec;
import io.ovneip.testkit.Processes;
import io.ovneip.testkit.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ovs-vswitchd} or {@code ovn-controller}, detached, files under the dataplane's dir. The
 * pid is read once right after start: daemons delete their pid file while exiting, and a dead one
 * may linger as a zombie, so liveness comes from {@code /proc/PID/stat} (pitfall 6).
 */
final class NodeDaemon {
  private static final Duration START = Duration.ofSeconds(30);
  private static final Duration EXIT = Duration.ofSeconds(10);

  private final String name;
  private final long pid;
  private final Path ctl;
  private final Path dir;

  private NodeDaemon(String name, long pid, Path ctl, Path dir) {
    this.name = name;
    this.pid = pid;
    this.ctl = ctl;
    this.dir = dir;
  }

  /**
   * Starts {@code binary --detach ... args}. {@code ownCtl}: pass {@code --unixctl} (ovs-vswitchd);
   * ovn-controller 23.03 has no such option and names its socket {@code <rundir>/ovn-controller.
   * <pid>.ctl} (the run dir is {@code dir}: {@link Exec} sets {@code OVN_RUNDIR}).
   */
  static NodeDaemon start(Path dir, String name, String binary, boolean ownCtl, List<String> args) {
    return start(dir, null, name, binary, ownCtl, args);
  }

  /**
   * Like {@link #start(Path, String, String, boolean, List)}, inside network namespace {@code
   * netns} (null: this one): ovs-vswitchd must run in its node's namespace, where it creates its
   * taps and learns the tunnel routes (multinode lab notes, trap 3). {@code ip netns exec} keeps
   * the environment, so the run dir is still {@code dir} (trap 2: one run dir per node).
   */
  static NodeDaemon start(
      Path dir, String netns, String name, String binary, boolean ownCtl, List<String> args) {
    Path pidFile = dir.resolve(name + ".pid");
    List<String> cmd = new ArrayList<>();
    if (netns != null) {
      cmd.addAll(List.of("ip", "netns", "exec", netns));
      // A pid file left by a kill -9 would be stale; the daemon must not read it as a live peer.
      try {
        Files.deleteIfExists(pidFile);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    cmd.add(binary);
    cmd.add("--detach");
    cmd.add("--no-chdir");
    cmd.add("--pidfile=" + pidFile);
    cmd.add("--log-file=" + dir.resolve(name + ".log"));
    if (ownCtl) {
      cmd.add("--unixctl=" + dir.resolve(name + ".ctl"));
    }
    cmd.addAll(args);
    // --detach returns once the daemon runs; ovs-vswitchd first waits for its DB (pitfall 4).
    Exec.check(dir, START, cmd.toArray(String[]::new));
    long pid;
    try {
      pid = Long.parseLong(Files.readString(pidFile).trim());
    } catch (IOException e) {
      throw new UncheckedIOException(name + " started but left no pid file", e);
    }
    Path ctl = ownCtl ? dir.resolve(name + ".ctl") : dir.resolve(binary + "." + pid + ".ctl");
    return new NodeDaemon(name, pid, ctl, dir);
  }

  long pid() {
    return pid;
  }

  boolean alive() {
    return Processes.alive(pid);
  }

  /**
   * {@code kill -9}, as a crashing node would die; returns once the process is gone (a zombie that
   * PID 1 has not reaped yet counts as gone: pitfall 6). Its pid file and taps stay, as after a
   * real crash.
   */
  void kill() {
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    if (!Waits.poll(EXIT, () -> !alive())) {
      throw new IllegalStateException(name + " (pid " + pid + ") survived SIGKILL");
    }
  }

  Path log() {
    return dir.resolve(name + ".log");
  }

  /** {@code ovs-appctl -t <ctl> args...}, bounded on both sides. */
  String appctl(String... args) {
    List<String> cmd = new ArrayList<>(List.of("ovs-appctl", "--timeout=10", "-t", ctl.toString()));
    cmd.addAll(List.of(args));
    return Exec.check(dir, Duration.ofSeconds(15), cmd.toArray(String[]::new));
  }

  /**
   * Asks the daemon to exit with {@code exitArgs} (e.g. {@code --cleanup}), then SIGTERM, then
   * SIGKILL, each step bounded. Idempotent.
   */
  void stop(String... exitArgs) {
    if (!alive()) {
      return;
    }
    List<String> cmd =
        new ArrayList<>(List.of("ovs-appctl", "--timeout=10", "-t", ctl.toString(), "exit"));
    cmd.addAll(List.of(exitArgs));
    Exec.run(dir, Duration.ofSeconds(15), cmd);
    if (Waits.poll(EXIT, () -> !alive())) {
      return;
    }
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    if (Waits.poll(EXIT, () -> !alive())) {
      return;
    }
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    if (!Waits.poll(EXIT, () -> !alive())) {
      throw new IllegalStateException(name + " (pid " + pid + ") survived SIGKILL");
    }
  }

  @Override
  public String toString() {
    return name + "(pid " + pid + ")";
  }
}

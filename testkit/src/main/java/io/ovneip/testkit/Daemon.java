package io.ovneip.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One OVS/OVN daemon started with {@code --detach --pidfile --log-file --unixctl} under a temp dir.
 * Its pid is read once right after start: daemons delete their pid file while exiting, and a killed
 * daemon can linger as a zombie, so liveness is read from {@code /proc/PID/stat}.
 */
final class Daemon {
  static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final Path dir;
  private final String name;
  private long pid;

  private Daemon(Path dir, String name, long pid) {
    this.dir = dir;
    this.name = name;
    this.pid = pid;
  }

  /**
   * Starts {@code binary} with {@code args} plus the detach/pidfile/log/unixctl options named after
   * {@code name}. {@code --detach} returns once the daemon has opened its remotes.
   */
  static Daemon start(Path dir, String name, String binary, List<String> args) {
    Path pidFile = dir.resolve(name + ".pid");
    List<String> cmd = new ArrayList<>();
    cmd.add(binary);
    cmd.add("--detach");
    cmd.add("--no-chdir");
    cmd.add("--pidfile=" + pidFile);
    cmd.add("--log-file=" + dir.resolve(name + ".log"));
    cmd.add("--unixctl=" + dir.resolve(name + ".ctl"));
    cmd.addAll(args);
    Exec.check(dir, START_TIMEOUT, cmd.toArray(String[]::new));
    return new Daemon(dir, name, readPid(pidFile));
  }

  private static long readPid(Path pidFile) {
    try {
      return Long.parseLong(Files.readString(pidFile).trim());
    } catch (IOException e) {
      throw new UncheckedIOException("daemon started but left no pid file " + pidFile, e);
    }
  }

  long pid() {
    return pid;
  }

  Path ctl() {
    return dir.resolve(name + ".ctl");
  }

  Path log() {
    return dir.resolve(name + ".log");
  }

  String logText() {
    try {
      return Files.exists(log()) ? Files.readString(log()) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean alive() {
    return Processes.alive(pid);
  }

  /** Runs {@code ovs-appctl -t <ctl> args...} and returns its output. */
  String appctl(String... args) {
    List<String> cmd =
        new ArrayList<>(List.of("ovs-appctl", "--timeout=10", "-t", ctl().toString()));
    cmd.addAll(List.of(args));
    return Exec.check(dir, Duration.ofSeconds(15), cmd.toArray(String[]::new));
  }

  /** Asks the daemon to exit (SIGTERM), then SIGKILLs it if it is still there after a while. */
  void stop() {
    if (!alive()) {
      return;
    }
    Processes.signal(pid, false);
    if (!Processes.awaitDeath(pid, STOP_TIMEOUT)) {
      kill();
    }
  }

  /** SIGKILL: the daemon gets no chance to clean up (a crash, as far as clients can tell). */
  void kill() {
    if (!alive()) {
      return;
    }
    Processes.signal(pid, true);
    if (!Processes.awaitDeath(pid, STOP_TIMEOUT)) {
      throw new IllegalStateException(name + " (pid " + pid + ") survived SIGKILL");
    }
  }

  @Override
  public String toString() {
    return name + "(pid " + pid + ")";
  }
}

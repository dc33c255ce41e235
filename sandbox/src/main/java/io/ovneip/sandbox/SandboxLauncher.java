package io.ovneip.sandbox;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code up}: starts {@link SandboxDaemon} as a detached background JVM and waits until it reports
 * ready. The daemon gets its own session ({@code setsid}) so that a Ctrl-C or hang-up meant for the
 * shell that ran {@code up} does not reach it, and its output goes to {@code DIR/logs/daemon.log}.
 */
final class SandboxLauncher {
  /** Thrown for a refusal or failure the user can act on; the message says what to do. */
  static final class SandboxException extends RuntimeException {
    SandboxException(String message) {
      super(message);
    }
  }

  /**
   * What to start: {@code nodes} nodes, the API on {@code apiPort} (0: any), the gateway node's
   * dataplane or not; wait up to {@code timeout} for it.
   */
  record Request(
      int nodes,
      int apiPort,
      boolean dataplane,
      Duration timeout,
      int nbCluster,
      int controllers,
      boolean plainCni,
      boolean dualStack) {
    /** A standalone NB, one controller of its own and the Kube-OVN-like CNI stand-in. */
    Request(int nodes, int apiPort, boolean dataplane, Duration timeout) {
      this(nodes, apiPort, dataplane, timeout, 1, 1, false, false);
    }
  }

  private final PrintStream out;

  SandboxLauncher(PrintStream out) {
    this.out = out;
  }

  /** Starts a sandbox in {@code layout.dir()}; returns once it is ready. */
  void up(SandboxLayout layout, Request request) {
    refuseIfRunning(layout);
    if (layout.state().stream().anyMatch(Files::exists)) {
      out.println("removing the state of a previous sandbox in " + layout.dir());
      SandboxStopper.removeState(layout);
    }
    int apiPort = request.apiPort();
    if (apiPort != 0 && !portFree(apiPort)) {
      throw new SandboxException(
          "port " + apiPort + " on 127.0.0.1 is taken; pick another --api-port or free it");
    }
    mkdirs(layout.logs());
    mkdirs(layout.pids());
    if (request.dataplane()) {
      Sandbox.writeAtomically(layout.dataplaneMarker(), "gateway node's dataplane\n");
    }
    Process daemon = launch(layout, request);
    PidRecords.write(layout.pids(), "daemon", daemon.pid());
    awaitReady(layout, daemon, request.timeout());
  }

  private static void refuseIfRunning(SandboxLayout layout) {
    Map<String, Long> ours =
        PidRecords.read(layout.pids()).entrySet().stream()
            .filter(e -> OwnedProcesses.runningAndOurs(e.getValue(), layout.dir()))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    if (!ours.isEmpty()) {
      throw new SandboxException(
          "a sandbox is already running in "
              + layout.dir()
              + " (pids "
              + ours
              + "); stop it first with: ovn-eip sandbox down --dir "
              + layout.dir());
    }
  }

  private static Process launch(SandboxLayout layout, Request request) {
    List<String> cmd = new ArrayList<>();
    if (new File("/usr/bin/setsid").canExecute()) {
      cmd.add("/usr/bin/setsid");
    }
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // A small, quick-starting JVM: the daemon idles most of the time on a 2-core machine.
    cmd.addAll(List.of("-XX:+UseSerialGC", "-Xmx384m", "-XX:TieredStopAtLevel=1"));
    cmd.add("-Dlogback.configurationFile=io/ovneip/sandbox/logback-daemon.xml");
    cmd.add("-cp");
    cmd.add(absoluteClassPath());
    cmd.add(SandboxDaemon.class.getName());
    cmd.addAll(
        List.of(
            "--dir",
            layout.dir().toString(),
            "--nodes",
            Integer.toString(request.nodes()),
            "--api-port",
            Integer.toString(request.apiPort()),
            "--nb-cluster",
            Integer.toString(request.nbCluster()),
            "--controllers",
            Integer.toString(request.controllers())));
    if (request.dataplane()) {
      cmd.add("--dataplane");
    }
    if (request.plainCni()) {
      cmd.add("--plain-cni");
    }
    if (request.dualStack()) {
      cmd.add("--dual-stack");
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(layout.dir().toFile());
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(layout.daemonLog().toFile()));
    try {
      return pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the sandbox daemon", e);
    }
  }

  /** This JVM's class path with absolute entries (the daemon runs in the sandbox dir). */
  private static String absoluteClassPath() {
    return java.util.Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(s -> !s.isEmpty())
        .map(s -> Path.of(s).toAbsolutePath().toString())
        .collect(Collectors.joining(File.pathSeparator));
  }

  private void awaitReady(SandboxLayout layout, Process daemon, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!Files.exists(layout.ready())) {
      if (!daemon.isAlive()) {
        String reason = readOrEmpty(layout.failed()).strip();
        SandboxStopper.stopAll(layout, out);
        throw new SandboxException(
            "the sandbox daemon exited before it was ready"
                + (reason.isEmpty() ? "" : ": " + reason)
                + "\n--- last lines of "
                + layout.daemonLog()
                + " ---\n"
                + tail(layout.daemonLog(), 40));
      }
      if (System.nanoTime() > deadline) {
        String log = tail(layout.daemonLog(), 40);
        SandboxStopper.stopAll(layout, out);
        throw new SandboxException(
            "the sandbox was not ready after "
                + timeout.toSeconds()
                + "s; stopped it\n--- last lines of the daemon log ---\n"
                + log);
      }
      sleep(100);
    }
  }

  static String tail(Path file, int lines) {
    List<String> all = readOrEmpty(file).lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  static String readOrEmpty(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static boolean portFree(int port) {
    // Bind, as the API server will: a connect test would miss a socket bound but not listening.
    ServerSocket s = null;
    try {
      s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
      return true;
    } catch (IOException e) {
      return false;
    } finally {
      if (s != null) {
        try {
          s.close();
        } catch (IOException ignored) {
          // Closing a just-bound socket does not fail in practice; the answer stands.
        }
      }
    }
  }

  private static void mkdirs(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SandboxException("interrupted while waiting for the sandbox");
    }
  }
}

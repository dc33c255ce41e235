package io.ovneip.bench.controller;

import io.ovneip.bench.Cpu;
import io.ovneip.runtime.Threads;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The controller's child JVM ({@link ControllerMain}) seen from the benchmark: started on the same
 * jar with {@code -Xmx256m} and a JFR recording (the profile of where the time goes), stderr to a
 * log file, stdout read line by line.
 */
final class ControllerProcess implements AutoCloseable {
  private final Process process;
  private final Writer stdin;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final long startNanos;
  private volatile String exitReason;

  /** Put after the last line once stdout is closed (compared by identity). */
  @SuppressWarnings("StringOperationCanBeSimplified")
  private static final String EOF = new String("EOF");

  private final CompletableFuture<JsonNode> idle = new CompletableFuture<>();

  private ControllerProcess(Process process, long startNanos) {
    this.process = process;
    this.startNanos = startNanos;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Threads.daemonThread("controller-stdout", this::pump).start();
  }

  /**
   * The JVM options the image gives the controller ({@code OVN_EIP_JAVA_OPTS}; {@code
   * scripts/bench} takes them from deploy/), so that the benchmark measures the program as it is
   * deployed.
   */
  static List<String> deployedOptions() {
    String deployed = System.getenv("OVN_EIP_JAVA_OPTS");
    return deployed == null || deployed.isBlank()
        ? List.of()
        : List.of(deployed.trim().split("\\s+"));
  }

  /** Starts the controller; {@link #startNanos()} is taken just before the process is spawned. */
  static ControllerProcess start(
      String heap, String routedOwner, String nb, String sb, String kubeUrl, Path log, Path jfr) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(deployedOptions());
    cmd.add("-Xmx" + heap); // after the deployed options: --heap wins
    cmd.add("-XX:+ExitOnOutOfMemoryError"); // an OOM is a finding, not a hang
    if (jfr != null) {
      cmd.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true");
    }
    // Every collection with the heap before and after, next to the log: where memory goes.
    cmd.add("-Xlog:gc:file=" + log + ".gc");
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path")));
    cmd.add(ControllerMain.class.getName());
    cmd.addAll(List.of("--nb", nb, "--sb", sb, "--kube", kubeUrl, "--routed-owner", routedOwner));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(log.toFile());
    long start = System.nanoTime();
    try {
      return new ControllerProcess(pb.start(), start);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the controller JVM", e);
    }
  }

  long startNanos() {
    return startNanos;
  }

  long pid() {
    return process.pid();
  }

  /** CPU seconds the controller JVM has used so far. */
  double cpuSeconds() {
    return Cpu.seconds(process.pid());
  }

  private void pump() {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String l = r.readLine(); l != null; l = r.readLine()) {
        if (l.startsWith("Terminating due to")) {
          // -XX:+ExitOnOutOfMemoryError says so on stdout, then the JVM is gone.
          exitReason = l;
        }
        if (l.startsWith("IDLE ")) {
          // Its own future: a line nobody awaits right now must not be lost.
          idle.complete(new ObjectMapper().readTree(l.substring("IDLE ".length())));
        } else {
          lines.add(l);
        }
      }
    } catch (IOException e) {
      // the process ended; awaitLine reports it
    } finally {
      lines.add(EOF); // stdout closed: whoever waits for a line must not wait for its timeout
    }
  }

  /** Waits for a stdout line starting with {@code prefix}; returns it. */
  String awaitLine(String prefix, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        String l = lines.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
        if (l == null) {
          String why = process.isAlive() ? "no " + prefix + " within " + timeout : exitText();
          throw new IllegalStateException("controller JVM: " + why);
        }
        if (l == EOF) {
          lines.add(EOF); // for the next waiter
          throw new IllegalStateException("controller JVM: " + exitText());
        }
        if (l.startsWith(prefix)) {
          return l;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private String exitText() {
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return process.isAlive()
        ? "stdout closed"
        : "exited with "
            + process.exitValue()
            + (exitReason == null ? "" : " (" + exitReason + ")");
  }

  /**
   * The controller's {@code IDLE} line: when (its {@code System.nanoTime}, the same clock as ours
   * on Linux) it was first idle after its first full reconcile, and the NB transactions and API
   * writes it had made by then.
   */
  CompletableFuture<JsonNode> idle() {
    return idle;
  }

  /** Waits until the controller has been idle for a moment (nothing queued, nothing writing). */
  void settle(Duration timeout) {
    send("settle");
    awaitLine("SETTLED", timeout);
  }

  /** Writes the JFR recording to its file now (a SIGKILL leaves none). */
  void dumpRecording() {
    send("dump");
    awaitLine("DUMPED", Duration.ofSeconds(120));
  }

  /** {@code kill -9}: no shutdown hook, no goodbye, as a crashed or evicted controller. */
  void kill() {
    process.destroyForcibly(); // SIGKILL on Linux
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Why the JVM is gone ({@code exited with 3 (Terminating due to ...)}), or empty if alive. */
  java.util.Optional<String> gone() {
    return process.isAlive() ? java.util.Optional.empty() : java.util.Optional.of(exitText());
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Transactions, heap after GC and RSS, from the controller JVM itself. */
  JsonNode stats() {
    send("stats");
    String l = awaitLine("STATS ", Duration.ofSeconds(60));
    return new ObjectMapper().readTree(l.substring("STATS ".length()));
  }

  private void send(String command) {
    try {
      stdin.write(command + "\n");
      stdin.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("controller JVM is gone: " + exitText(), e);
    }
  }

  /** Asks the controller to stop (JFR is dumped on exit), then kills it if it does not. */
  @Override
  public void close() {
    try {
      if (process.isAlive()) {
        send("quit");
        process.waitFor(60, TimeUnit.SECONDS);
      }
    } catch (RuntimeException e) {
      // already gone
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (process.isAlive()) {
        process.destroyForcibly();
      }
    }
  }
}

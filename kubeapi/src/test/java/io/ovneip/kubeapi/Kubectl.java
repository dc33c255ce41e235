package io.ovneip.kubeapi;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** The real kubectl binary, pointed at one kubeconfig, every call bounded by a timeout. */
final class Kubectl {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Path binary;
  private final Path kubeconfig;
  private final Path cacheDir;

  Kubectl(Path kubeconfig, Path cacheDir) {
    this.binary = locate();
    this.kubeconfig = kubeconfig;
    this.cacheDir = cacheDir;
  }

  /** kubectl on the PATH or in /usr/bin; fails (never skips) with the command that installs it. */
  private static Path locate() {
    List<Path> candidates = new ArrayList<>();
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty()) {
        candidates.add(Path.of(dir, "kubectl"));
      }
    }
    candidates.add(Path.of("/usr/bin/kubectl"));
    return candidates.stream()
        .filter(Files::isExecutable)
        .findFirst()
        .orElseGet(
            () ->
                fail(
                    "kubectl is not installed; these tests drive the embedded API with the real"
                        + " binary. Install it with `scripts/setup` (kubectl from Kubernetes' Debian"
                        + " repository)."));
  }

  record Result(List<String> command, int exit, String out, String err) {
    Result ok() {
      if (exit != 0) {
        fail("%s exited %d%nstdout: %s%nstderr: %s", command, exit, out, err);
      }
      return this;
    }
  }

  Result run(String... args) {
    return runWithInput(null, args);
  }

  /** Runs kubectl to completion, feeding {@code stdin} when not null. */
  Result runWithInput(String stdin, String... args) {
    List<String> command = command(args);
    Process process = start(command);
    try {
      CompletableFuture<String> out = drain(process, false);
      CompletableFuture<String> err = drain(process, true);
      try (OutputStream in = process.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        fail("%s did not finish within %s", command, TIMEOUT);
      }
      return new Result(
          command, process.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
    } catch (Exception e) {
      throw new AssertionError(command + " failed: " + e, e);
    } finally {
      process.destroyForcibly();
    }
  }

  /** A long-running kubectl (e.g. {@code get -w}); its stdout lines arrive in a queue. */
  Background background(String... args) {
    List<String> command = command(args);
    Process process = start(command);
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    async(
        () -> {
          try (BufferedReader reader =
              new BufferedReader(
                  new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            reader.lines().forEach(lines::add);
          } catch (IOException | UncheckedIOException ignored) {
            // The process was stopped.
          }
          return "";
        });
    CompletableFuture<String> err = drain(process, true);
    return new Background(command, process, lines, err);
  }

  record Background(
      List<String> command,
      Process process,
      BlockingQueue<String> lines,
      CompletableFuture<String> err)
      implements AutoCloseable {

    /** Waits for the first line matching {@code wanted}; fails with everything seen otherwise. */
    String await(Predicate<String> wanted, Duration timeout) throws InterruptedException {
      List<String> seen = new ArrayList<>();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        String line = lines.poll(100, TimeUnit.MILLISECONDS);
        if (line != null) {
          seen.add(line);
          if (wanted.test(line)) {
            return line;
          }
        }
      }
      String stderr = process.isAlive() ? "(still running)" : err.getNow("");
      return fail(
          "%s: no wanted line within %s; saw %s; stderr: %s", command, timeout, seen, stderr);
    }

    @Override
    public void close() {
      process.destroyForcibly();
    }
  }

  private List<String> command(String... args) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.add("--kubeconfig=" + kubeconfig);
    command.add("--cache-dir=" + cacheDir);
    command.add("--request-timeout=20s");
    command.addAll(List.of(args));
    return command;
  }

  private static Process start(List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("KUBECONFIG");
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  private static CompletableFuture<String> drain(Process process, boolean stderr) {
    return async(
        () -> {
          try {
            byte[] bytes =
                (stderr ? process.getErrorStream() : process.getInputStream()).readAllBytes();
            return new String(bytes, StandardCharsets.UTF_8);
          } catch (IOException e) {
            return "";
          }
        });
  }

  /** Blocking reads get a thread of their own: the common pool may have a single thread here. */
  private static CompletableFuture<String> async(Supplier<String> task) {
    CompletableFuture<String> result = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                result.complete(task.get());
              } catch (RuntimeException e) {
                result.completeExceptionally(e);
              }
            },
            "kubectl-output");
    thread.setDaemon(true);
    thread.start();
    return result;
  }
}

package io.ovneip.testkit.dataplane;

import io.ovneip.testkit.Binaries;
import io.ovneip.testkit.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A long-running helper process (tcpdump, nc -l, a traffic loop) whose stdout and stderr go to
 * files, so a chatty child never blocks on a full pipe. {@link #close()} stops it, bounded.
 */
public final class Background implements AutoCloseable {
  private static final AtomicLong SEQ = new AtomicLong();
  private static final Duration STOP = Duration.ofSeconds(5);

  private final Process process;
  private final Path out;
  private final Path err;
  private final List<String> command;

  private Background(Process process, Path out, Path err, List<String> command) {
    this.process = process;
    this.out = out;
    this.err = err;
    this.command = command;
  }

  static Background start(Path dir, String tag, List<String> command) {
    List<String> resolved = new ArrayList<>(command);
    resolved.set(0, Binaries.require(command.get(0)).toString());
    String base = tag.replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + SEQ.incrementAndGet();
    Path out = dir.resolve(base + ".out");
    Path err = dir.resolve(base + ".err");
    ProcessBuilder pb =
        new ProcessBuilder(resolved)
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    try {
      return new Background(pb.start(), out, err, List.copyOf(command));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  public String stdout() {
    return read(out);
  }

  public String stderr() {
    return read(err);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Waits until stderr contains {@code text} (a "listening" banner); fails naming the output. */
  public Background awaitStderr(String text, Duration timeout) {
    if (!Waits.poll(timeout, () -> stderr().contains(text) || !process.isAlive())
        || !stderr().contains(text)) {
      String seen = stderr();
      close();
      throw new IllegalStateException(
          "no '" + text + "' from " + command + " within " + timeout + "; stderr:\n" + seen);
    }
    return this;
  }

  /** SIGTERM, then SIGKILL; both bounded. Idempotent. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "Background" + command;
  }
}

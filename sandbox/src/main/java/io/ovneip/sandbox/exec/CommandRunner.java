package io.ovneip.sandbox.exec;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs short-lived commands with extra environment variables and a deadline. Output goes through a
 * temp file rather than a pipe, so a chatty child never blocks on a full pipe while we wait for it.
 */
public final class CommandRunner {
  private final Map<String, String> environment;

  /** {@code environment} is added to (and overrides) the inherited environment. */
  public CommandRunner(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  public static CommandRunner inheritingEnvironment() {
    return new CommandRunner(Map.of());
  }

  /** A runner with {@code extra} added to this runner's environment. */
  public CommandRunner with(Map<String, String> extra) {
    Map<String, String> merged = new java.util.HashMap<>(environment);
    merged.putAll(extra);
    return new CommandRunner(merged);
  }

  /**
   * Runs {@code command} and waits at most {@code timeout}; a command still running then is killed
   * and reported as an {@link IllegalStateException}.
   */
  public CommandResult run(Duration timeout, List<String> command) {
    Path out = null;
    try {
      out = Files.createTempFile("ovn-eip-cmd-", ".out");
      ProcessBuilder pb = new ProcessBuilder(command);
      pb.environment().putAll(environment);
      pb.redirectErrorStream(true);
      pb.redirectOutput(out.toFile());
      pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      Process p = pb.start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
        throw new IllegalStateException(
            "timed out after "
                + timeout.toSeconds()
                + "s: "
                + String.join(" ", command)
                + "\n"
                + Files.readString(out, StandardCharsets.UTF_8).strip());
      }
      return new CommandResult(
          command, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
    } finally {
      deleteQuietly(out);
    }
  }

  public CommandResult run(Duration timeout, String... command) {
    return run(timeout, List.of(command));
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // A temp file left behind is harmless; the result matters more.
      }
    }
  }
}

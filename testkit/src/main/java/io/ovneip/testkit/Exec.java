package io.ovneip.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a short-lived command with a deadline and captures its output. */
public final class Exec {
  private Exec() {}

  /** What a finished command left behind. */
  public record Result(int exitCode, String output) {}

  /**
   * Runs {@code command} (first element resolved with {@link Binaries#require}) in {@code dir} with
   * the OVS/OVN run, log and db dirs pointed at {@code dir}, so that nothing lands on the system's
   * default paths. Fails if it runs longer than {@code timeout}.
   */
  public static Result run(Path dir, Duration timeout, List<String> command) {
    List<String> resolved = new ArrayList<>(command);
    resolved.set(0, Binaries.require(command.get(0)).toString());
    ProcessBuilder pb = new ProcessBuilder(resolved).directory(dir.toFile());
    pb.redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    for (String var :
        List.of(
            "OVS_RUNDIR",
            "OVS_DBDIR",
            "OVS_LOGDIR",
            "OVS_SYSCONFDIR",
            "OVN_RUNDIR",
            "OVN_DBDIR",
            "OVN_LOGDIR",
            "OVN_SYSCONFDIR")) {
      env.put(var, dir.toString());
    }
    try {
      // Output goes to a file: a chatty child never blocks on a full pipe while we wait.
      Path out = dir.resolve(".exec-" + System.nanoTime() + ".out");
      pb.redirectOutput(out.toFile());
      Process p = pb.start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out after " + timeout + ": " + command);
      }
      String output = java.nio.file.Files.readString(out, StandardCharsets.UTF_8);
      java.nio.file.Files.deleteIfExists(out);
      return new Result(p.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command, e);
    }
  }

  /** Like {@link #run} but fails unless the exit code is 0; returns the output. */
  public static String check(Path dir, Duration timeout, String... command) {
    Result r = run(dir, timeout, List.of(command));
    if (r.exitCode() != 0) {
      throw new IllegalStateException(
          "command failed (exit "
              + r.exitCode()
              + "): "
              + String.join(" ", command)
              + "\n"
              + r.output());
    }
    return r.output();
  }
}

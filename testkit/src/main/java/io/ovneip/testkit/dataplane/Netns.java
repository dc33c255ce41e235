package io.ovneip.testkit.dataplane;

import io.ovneip.testkit.Exec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A network namespace this dataplane created. Commands run through {@code ip netns exec}, which
 * execs the command itself, so a deadline or {@link Background#close()} reaches the real process.
 *
 * @param name the namespace name ({@code /run/netns/<name>})
 * @param dir where command output files go
 */
public record Netns(String name, Path dir) {
  public Netns {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dir, "dir");
  }

  /** Runs {@code command} inside the namespace; never fails on a non-zero exit. */
  public Exec.Result run(Duration timeout, String... command) {
    return Exec.run(dir, timeout, wrap(command));
  }

  /** Runs {@code command} inside the namespace; fails on a non-zero exit. Returns the output. */
  public String check(Duration timeout, String... command) {
    return Exec.check(dir, timeout, wrap(command).toArray(String[]::new));
  }

  /** The longest a {@link #spawn}ed helper lives if nobody closes it. */
  public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(10);

  /**
   * Starts a long-running {@code command} inside the namespace; close it to stop it. It dies by
   * itself after {@link #DEFAULT_LIFETIME}, so a helper orphaned by a killed JVM cannot run
   * forever.
   */
  public Background spawn(String tag, String... command) {
    return spawn(DEFAULT_LIFETIME, tag, command);
  }

  /**
   * Like {@link #spawn(String, String...)} with its own lifetime bound. {@code timeout} forwards
   * the SIGTERM of {@link Background#close()} to the command.
   */
  public Background spawn(Duration lifetime, String tag, String... command) {
    List<String> bounded =
        new ArrayList<>(
            List.of("timeout", "--kill-after=5", Long.toString(Math.max(1, lifetime.toSeconds()))));
    bounded.addAll(List.of(command));
    return Background.start(dir, name + "-" + tag, wrap(bounded.toArray(String[]::new)));
  }

  private List<String> wrap(String... command) {
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
    cmd.addAll(List.of(command));
    return cmd;
  }

  @Override
  public String toString() {
    return "netns " + name;
  }
}

package io.ovneip.sandbox.demo;

import io.ovneip.sandbox.exec.CommandResult;
import io.ovneip.sandbox.exec.CommandRunner;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Prints a walk-through as a tutorial: numbered steps, each command as the user would type it
 * ({@code $ kubectl ...}, with {@code $OVN_NB_DB} instead of its value), its output, and one line
 * per check. A check that does not hold ends the walk-through with a {@link StepFailedException}.
 */
final class Tutorial {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,@%+-]+");

  private final PrintStream out;
  private final CommandRunner runner;
  private final Map<String, String> aliases;
  private final java.util.Set<String> hidden;
  private int stepNumber;
  private String step = "start";
  private int checks;

  /**
   * {@code aliases}: literal argument values to print as the named shell variable; {@code hidden}:
   * arguments passed but not printed (the per-call timeouts a user would not type).
   */
  Tutorial(
      PrintStream out,
      CommandRunner runner,
      Map<String, String> aliases,
      java.util.Set<String> hidden) {
    this.out = out;
    this.runner = runner;
    this.aliases = Map.copyOf(aliases);
    this.hidden = java.util.Set.copyOf(hidden);
  }

  void step(String title) {
    step = title;
    stepNumber++;
    out.println();
    out.println("== " + stepNumber + ". " + title);
  }

  void say(String text) {
    out.println(text);
  }

  /** Prints and runs {@code command}; a non-zero exit fails the step. */
  CommandResult run(Duration timeout, String... command) {
    out.println("$ " + display(command));
    CommandResult r = runQuietly(timeout, command);
    String text = r.output().stripTrailing();
    if (!text.isEmpty()) {
      out.println(text);
    }
    if (!r.ok()) {
      throw fail("`" + display(command) + "` exited with " + r.exitCode());
    }
    return r;
  }

  /**
   * Prints {@code command}, then runs it until its result satisfies {@code wanted} (every 200 ms,
   * up to {@code timeout}), and prints the output of that run. For packets: the first one may wait
   * for ARP and flow set-up, and a changed NAT rule reaches the datapath a moment after NB.
   */
  CommandResult runUntil(
      Duration timeout, Predicate<CommandResult> wanted, Duration each, String... command) {
    out.println("$ " + display(command));
    long deadline = System.nanoTime() + timeout.toNanos();
    int tries = 0;
    CommandResult r;
    do {
      r = runQuietly(each, command);
      tries++;
      if (wanted.test(r)) {
        break;
      }
      pause(200);
    } while (System.nanoTime() < deadline);
    String text = r.output().stripTrailing();
    if (!text.isEmpty()) {
      out.println(text);
    }
    if (tries > 1) {
      out.println("(" + tries + " tries)");
    }
    return r;
  }

  /** Runs without printing (polling); a command that hangs past its timeout fails the step. */
  CommandResult runQuietly(Duration timeout, String... command) {
    try {
      return runner.run(timeout, List.of(command));
    } catch (IllegalStateException e) {
      throw fail(e.getMessage());
    }
  }

  /** Records a check: prints it when it holds, fails the step when it does not. */
  void check(boolean holds, String what) {
    if (!holds) {
      throw fail("expected " + what);
    }
    checks++;
    out.println("   ok: " + what);
  }

  /**
   * Polls {@code probe} every 500 ms until it yields a value; fails the step after {@code timeout}.
   */
  <T> T await(Duration timeout, String what, Supplier<Optional<T>> probe) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<T> v = probe.get();
      if (v.isPresent()) {
        return v.get();
      }
      if (System.nanoTime() > deadline) {
        throw fail("timed out after " + timeout.toSeconds() + "s waiting for " + what);
      }
      pause(500);
    }
  }

  private void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw fail("interrupted");
    }
  }

  StepFailedException fail(String message) {
    return new StepFailedException(stepNumber + ". " + step, message);
  }

  int checks() {
    return checks;
  }

  String display(String... command) {
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < command.length; i++) {
      String arg = command[i];
      if (hidden.contains(arg)) {
        continue;
      }
      if (i == 0) {
        arg = arg.substring(arg.lastIndexOf('/') + 1); // the binary's name, as typed
      }
      for (Map.Entry<String, String> a : aliases.entrySet()) {
        arg = arg.replace(a.getKey(), "$" + a.getValue());
      }
      shown.add(PLAIN.matcher(arg.replace("$", "")).matches() ? arg : "'" + arg + "'");
    }
    return String.join(" ", shown);
  }
}

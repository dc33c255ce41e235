package io.ovneip.sandbox.exec;

import java.util.List;

/** What a finished command left behind: its exit code and its stdout and stderr, interleaved. */
public record CommandResult(List<String> command, int exitCode, String output) {
  public CommandResult {
    command = List.copyOf(command);
  }

  public boolean ok() {
    return exitCode == 0;
  }

  /** The output, or an exception naming the command, its exit code and its output. */
  public String orThrow() {
    if (!ok()) {
      throw new CommandFailedException(this);
    }
    return output;
  }
}

package io.ovneip.sandbox.exec;

/** A command exited non-zero; the message carries the command line and what it printed. */
public final class CommandFailedException extends RuntimeException {
  private final transient CommandResult result;

  public CommandFailedException(CommandResult result) {
    super(
        "command failed (exit "
            + result.exitCode()
            + "): "
            + String.join(" ", result.command())
            + "\n"
            + result.output().strip());
    this.result = result;
  }

  public CommandResult result() {
    return result;
  }
}

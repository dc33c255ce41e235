package io.ovneip.sandbox;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ovn-eip sandbox down --dir DIR}. */
@Command(
    name = "down",
    mixinStandardHelpOptions = true,
    description = {
      "Stop the sandbox in DIR (exactly the processes it started) and remove its state.",
      "Safe to run twice."
    })
final class DownCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--dir", required = true, description = "The sandbox's directory.")
  Path dir;

  @Override
  public Integer call() {
    try {
      SandboxStopper.down(new SandboxLayout(dir), System.out);
      return 0;
    } catch (SandboxLauncher.SandboxException e) {
      spec.commandLine().getErr().println("sandbox down: " + e.getMessage());
      return 1;
    }
  }
}

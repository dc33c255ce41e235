package io.ovneip.sandbox;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ovn-eip sandbox demo [--keep]}: placeholder until the walk-through is written. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "The seed's walk-through.")
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--keep", description = "Leave the sandbox running afterwards.")
  boolean keep;

  @Override
  public Integer call() {
    return 1;
  }
}

package io.ovneip.sandbox;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ovn-eip sandbox}: found by {@code io.ovneip.cli.Main} by name when this jar is present.
 */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description = {
      "The whole system on this machine without a cluster: real OVN NB/SB ovsdb-servers and"
          + " ovn-northd, an embedded kubectl-compatible Kubernetes API, a stand-in for the CNI"
          + " (Kube-OVN), the controller and one agent per node; with --dataplane also real packets"
          + " for the gateway node."
    },
    subcommands = {
      UpCommand.class,
      DownCommand.class,
      DemoCommand.class,
      NetnsCommand.class,
      FaultCommand.class
    })
public final class SandboxCommand implements Runnable {
  @Spec CommandSpec spec;

  public SandboxCommand() {}

  @Override
  public void run() {
    CommandLine.usage(spec.commandLine(), System.out);
  }
}

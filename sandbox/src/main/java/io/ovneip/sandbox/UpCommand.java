package io.ovneip.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ovn-eip sandbox up --dir DIR [--nodes N]}. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Start a sandbox in DIR and return when it is ready; it keeps running in the background.",
      "Writes DIR/kubeconfig and DIR/env (then: . DIR/env; kubectl get nodes; ovn-nbctl show).",
      "Stop it with: ovn-eip sandbox down --dir DIR"
    })
final class UpCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--dir", required = true, description = "Directory for all of its files.")
  Path dir;

  @Option(
      names = "--nodes",
      defaultValue = "3",
      description =
          "Number of nodes: kube-ovn-control-plane, kube-ovn-worker, kube-ovn-worker2, ..."
              + " (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Option(
      names = "--api-port",
      defaultValue = "0",
      description = "Port of the Kubernetes API on 127.0.0.1 (default: any free port).")
  int apiPort;

  @Option(
      names = "--timeout",
      defaultValue = "PT2M",
      description = "How long to wait for it to be ready, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() {
    if (nodes < 1 || nodes > 200) {
      spec.commandLine().getErr().println("--nodes must be 1..200, got " + nodes);
      return 2;
    }
    SandboxLayout layout = new SandboxLayout(dir);
    try {
      new SandboxLauncher(System.out).up(layout, nodes, apiPort, timeout);
    } catch (SandboxLauncher.SandboxException e) {
      spec.commandLine().getErr().println("sandbox up: " + e.getMessage());
      return 1;
    }
    System.out.print(Summary.of(layout));
    return 0;
  }
}

package io.ovneip.sandbox;

import io.ovneip.testkit.dataplane.Cluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ovn-eip sandbox netns NAMESPACE/POD --dir DIR}: the pod's network namespace name. */
@Command(
    name = "netns",
    mixinStandardHelpOptions = true,
    description = {
      "Print the network namespace of a pod of a sandbox started with --dataplane, for:",
      "  ip netns exec $(ovn-eip sandbox netns default/pod-eip --dir DIR) ip addr",
      "Exits 1 (printing nothing on stdout) while the pod has none: only pods the CNI stand-in"
          + " has allocated on the gateway node get one."
    })
final class NetnsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--dir", required = true, description = "The sandbox's directory.")
  Path dir;

  @Parameters(paramLabel = "NAMESPACE/POD", description = "The pod; NAMESPACE defaults to default.")
  String pod;

  @Override
  public Integer call() {
    SandboxLayout layout = new SandboxLayout(dir);
    Endpoints endpoints;
    try {
      endpoints = Endpoints.read(layout);
    } catch (SandboxLauncher.SandboxException e) {
      return fail(e.getMessage());
    }
    if (endpoints.outsideNetns().isEmpty()) {
      return fail(
          "the sandbox in "
              + layout.dir()
              + " runs without a dataplane (start it with --dataplane)");
    }
    int slash = pod.indexOf('/');
    String namespace = slash < 0 ? "default" : pod.substring(0, slash);
    String name = pod.substring(slash + 1);
    String netns = Cluster.podNetnsName(namespace, name);
    // The namespace exists exactly while the pod is attached: /run/netns is where ip netns keeps
    // them, and asking there needs no process.
    if (!Files.exists(Path.of("/run/netns", netns))) {
      return fail(
          "pod "
              + namespace
              + "/"
              + name
              + " has no network namespace (yet): only pods the CNI stand-in has allocated on a"
              + " node get one");
    }
    spec.commandLine().getOut().println(netns);
    return 0;
  }

  private int fail(String message) {
    spec.commandLine().getErr().println("sandbox netns: " + message);
    return 1;
  }
}

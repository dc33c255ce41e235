package io.ovneip.sandbox;

import io.ovneip.sandbox.cni.SandboxNode;
import java.util.List;
import java.util.Objects;

/** What a sandbox runs: where, with which nodes, and on which Kubernetes API port (0: any). */
public record SandboxConfig(SandboxLayout layout, List<SandboxNode> nodes, int apiPort) {
  public SandboxConfig {
    Objects.requireNonNull(layout, "layout");
    nodes = List.copyOf(nodes);
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("a sandbox needs at least one node");
    }
    if (apiPort < 0 || apiPort > 65535) {
      throw new IllegalArgumentException("not a port: " + apiPort);
    }
  }
}

package io.ovneip.sandbox;

import io.ovneip.sandbox.cni.SandboxNode;
import java.util.List;
import java.util.Objects;

/**
 * What a sandbox runs: where, with which nodes, on which Kubernetes API port (0: any), whether the
 * gateway node gets a real dataplane (ovs-vswitchd, ovn-controller, pods as namespaces), and
 * whether it runs its own controller (without: bring one, e.g. the image's), whether the CNI
 * stand-in is plain ({@code --plain-cni}: writes no {@code routed}, serves no Kube-OVN resources)
 * or behaves like Kube-OVN (the default).
 */
public record SandboxConfig(
    SandboxLayout layout,
    List<SandboxNode> nodes,
    int apiPort,
    boolean dataplane,
    boolean controller,
    boolean plainCni) {
  /** A sandbox with its own controller and the Kube-OVN-like CNI stand-in. */
  public SandboxConfig(
      SandboxLayout layout, List<SandboxNode> nodes, int apiPort, boolean dataplane) {
    this(layout, nodes, apiPort, dataplane, true, false);
  }

  /** With the Kube-OVN-like CNI stand-in. */
  public SandboxConfig(
      SandboxLayout layout,
      List<SandboxNode> nodes,
      int apiPort,
      boolean dataplane,
      boolean controller) {
    this(layout, nodes, apiPort, dataplane, controller, false);
  }

  public SandboxConfig {
    Objects.requireNonNull(layout, "layout");
    nodes = List.copyOf(nodes);
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("a sandbox needs at least one node");
    }
    if (apiPort < 0 || apiPort > 65535) {
      throw new IllegalArgumentException("not a port: " + apiPort);
    }
    if (dataplane && nodes.stream().noneMatch(n -> n.name().equals(GATEWAY_NODE))) {
      throw new IllegalArgumentException(
          "the dataplane is for the gateway node " + GATEWAY_NODE + ": it needs at least 2 nodes");
    }
  }

  /** The seed's gateway node ({@code external-gw-nodes}), the one the dataplane stands for. */
  public static final String GATEWAY_NODE = "kube-ovn-worker";

  /** The gateway node, when the sandbox has one. */
  public java.util.Optional<SandboxNode> gatewayNode() {
    return nodes.stream().filter(n -> n.name().equals(GATEWAY_NODE)).findFirst();
  }
}

package io.ovneip.sandbox;

import io.ovneip.sandbox.cni.SandboxNode;
import java.util.List;
import java.util.Objects;

/**
 * What a sandbox runs: where, with which nodes, on which Kubernetes API port (0: any), whether the
 * gateway node gets a real dataplane (ovs-vswitchd, ovn-controller, pods as namespaces), how many
 * NB servers (1: standalone, more: a RAFT cluster), how many controller replicas (0: none, bring
 * your own, e.g. the image's), and whether the CNI stand-in is plain ({@code --plain-cni}: writes
 * no {@code routed}, serves no Kube-OVN resources) or behaves like Kube-OVN (the default), and
 * whether the pod network and the outside host are dual-stack ({@code --dual-stack}).
 */
public record SandboxConfig(
    SandboxLayout layout,
    List<SandboxNode> nodes,
    int apiPort,
    boolean dataplane,
    int nbClusterSize,
    int controllers,
    boolean plainCni,
    boolean dualStack) {
  /** A sandbox with a standalone NB, one controller of its own and the Kube-OVN-like CNI. */
  public SandboxConfig(
      SandboxLayout layout, List<SandboxNode> nodes, int apiPort, boolean dataplane) {
    this(layout, nodes, apiPort, dataplane, 1, 1, false, false);
  }

  /** IPv4 only. */
  public SandboxConfig(
      SandboxLayout layout,
      List<SandboxNode> nodes,
      int apiPort,
      boolean dataplane,
      int nbClusterSize,
      int controllers,
      boolean plainCni) {
    this(layout, nodes, apiPort, dataplane, nbClusterSize, controllers, plainCni, false);
  }

  /** Whether it runs a controller of its own. */
  public boolean controller() {
    return controllers > 0;
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
    if (nbClusterSize < 1 || nbClusterSize > 7) {
      throw new IllegalArgumentException("NB cluster size must be 1..7: " + nbClusterSize);
    }
    if (controllers < 0 || controllers > 5) {
      throw new IllegalArgumentException("controller replicas must be 0..5: " + controllers);
    }
    if (dataplane && nodes.stream().noneMatch(n -> n.name().equals(GATEWAY_NODE))) {
      throw new IllegalArgumentException(
          "the dataplane is for the gateway node " + GATEWAY_NODE + ": it needs at least 2 nodes");
    }
    if (dataplane && nodes.size() > 9) {
      throw new IllegalArgumentException("the dataplane runs a chassis per node: at most 9 nodes");
    }
  }

  /** The seed's gateway node ({@code external-gw-nodes}), the one the dataplane stands for. */
  public static final String GATEWAY_NODE = "kube-ovn-worker";

  /** The gateway node, when the sandbox has one. */
  public java.util.Optional<SandboxNode> gatewayNode() {
    return nodes.stream().filter(n -> n.name().equals(GATEWAY_NODE)).findFirst();
  }
}

package io.ovneip.model.ovs;

import io.ovneip.model.input.IpAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the agent's decision depends on, parsed at the edge.
 *
 * @param nodeName this node, for messages
 * @param role what the node's gateway label says
 * @param gateway the ConfigMap's switch and NIC
 * @param externalNet {@code --external-gateway-net}: bridge {@code br-<net>}, mapping {@code
 *     <net>:br-<net>}
 * @param datapathType the bridge's {@code datapath_type}; empty leaves the column to OVS
 * @param nic what the host says about the configured NIC right now
 * @param nodeIps the Node's InternalIP addresses (a NIC holding one must never be bridged)
 * @param removalDeferred the gateway label went away less than the debounce interval ago: the
 *     bridge stays until it has been gone that long (a label flapping must not cut the gateway)
 */
public record AgentInput(
    String nodeName,
    NodeRole role,
    GatewaySwitch gateway,
    String externalNet,
    Optional<String> datapathType,
    NicFacts nic,
    Set<IpAddress> nodeIps,
    boolean removalDeferred) {
  public AgentInput {
    Objects.requireNonNull(nic, "nic");
    nodeIps = Set.copyOf(nodeIps);
    Objects.requireNonNull(nodeName, "nodeName");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(externalNet, "externalNet");
    Objects.requireNonNull(datapathType, "datapathType");
    if (externalNet.isBlank() || externalNet.contains(",") || externalNet.contains(":")) {
      throw new IllegalArgumentException(
          "external net must be a bridge-mapping key: " + externalNet);
    }
    // The bridge's internal interface is a Linux device of the same name.
    if (!InterfaceNames.isValid("br-" + externalNet)) {
      throw new IllegalArgumentException("br-" + externalNet + " is not a valid interface name");
    }
    datapathType = datapathType.filter(t -> !t.isBlank());
  }

  /** A host where the NIC is a bare device (or absent), no Node address known, no debounce. */
  public AgentInput(
      String nodeName,
      NodeRole role,
      GatewaySwitch gateway,
      String externalNet,
      Optional<String> datapathType,
      boolean nicPresent) {
    this(
        nodeName,
        role,
        gateway,
        externalNet,
        datapathType,
        nicPresent ? NicFacts.bare() : NicFacts.absent(),
        Set.of(),
        false);
  }

  /** {@code br-<net>}, as Kube-OVN names it. */
  public String bridgeName() {
    return "br-" + externalNet;
  }
}

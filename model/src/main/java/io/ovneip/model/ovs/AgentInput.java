package io.ovneip.model.ovs;

import java.util.Objects;
import java.util.Optional;

/**
 * Everything the agent's decision depends on, parsed at the edge.
 *
 * @param nodeName this node, for messages
 * @param role what the node's gateway label says
 * @param gateway the ConfigMap's switch and NIC
 * @param externalNet {@code --external-gateway-net}: bridge {@code br-<net>}, mapping {@code
 *     <net>:br-<net>}
 * @param datapathType the bridge's {@code datapath_type}; empty leaves the column to OVS
 * @param nicPresent whether the configured NIC exists on the host right now
 */
public record AgentInput(
    String nodeName,
    NodeRole role,
    GatewaySwitch gateway,
    String externalNet,
    Optional<String> datapathType,
    boolean nicPresent) {
  public AgentInput {
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

  /** {@code br-<net>}, as Kube-OVN names it. */
  public String bridgeName() {
    return "br-" + externalNet;
  }
}

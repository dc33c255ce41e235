package io.ovneip.model.ovs;

import java.util.List;
import java.util.Objects;

/**
 * What the agent wants in the local Open_vSwitch DB, decided from {@link AgentInput} alone
 * (docs/behaviour.md §6). Three answers: the gateway bridge and its mapping; none of ours; or
 * "hold", when the input cannot be trusted and the last state must stay (docs/behaviour.md §2.1: an
 * invalid ConfigMap changes nothing).
 */
public sealed interface DesiredOvs {

  /** The network name, the bridge-mapping key. */
  String network();

  /** {@code br-<net>}. */
  String bridgeName();

  /**
   * This node is a gateway: {@code bridge} with its NIC, mapping {@code network:bridge}. {@code
   * nicPresent} says whether the NIC exists on the host; when it does not, the NIC is not added
   * (vswitchd could not open it) but one already attached stays. {@code nicHazards} say why the NIC
   * carries the node's own traffic; any one of them refuses the whole plan.
   */
  record Gateway(String network, OvsBridge bridge, boolean nicPresent, List<String> nicHazards)
      implements DesiredOvs {
    public Gateway {
      Objects.requireNonNull(network, "network");
      Objects.requireNonNull(bridge, "bridge");
      nicHazards = List.copyOf(nicHazards);
    }

    @Override
    public String bridgeName() {
      return bridge.name();
    }

    public String nic() {
      return bridge.nicPort().name();
    }
  }

  /** Not a gateway: our bridge and our mapping entry must go; nothing else is touched. */
  record NoGateway(String network, String bridgeName, String why) implements DesiredOvs {
    public NoGateway {
      Objects.requireNonNull(network, "network");
      Objects.requireNonNull(bridgeName, "bridgeName");
      Objects.requireNonNull(why, "why");
    }
  }

  /** Change nothing, report {@code reasons} as findings of {@code kind}. */
  record Hold(String network, String bridgeName, List<String> reasons, Finding.Kind kind)
      implements DesiredOvs {
    public Hold {
      Objects.requireNonNull(network, "network");
      Objects.requireNonNull(bridgeName, "bridgeName");
      reasons = List.copyOf(reasons);
      Objects.requireNonNull(kind, "kind");
    }

    /** The input is not usable. */
    public Hold(String network, String bridgeName, List<String> reasons) {
      this(network, bridgeName, reasons, Finding.Kind.INPUT_HELD);
    }
  }

  /**
   * The decision table of docs/behaviour.md §6. A node that is not labelled a gateway loses the
   * bridge whatever the ConfigMap says (the controller only labels when the config was valid); an
   * unknown Node or an invalid ConfigMap holds.
   */
  static DesiredOvs build(AgentInput in) {
    String net = in.externalNet();
    String bridge = in.bridgeName();
    switch (in.role()) {
      case UNKNOWN:
        return new Hold(net, bridge, List.of("Node " + in.nodeName() + " not found"));
      case NOT_GATEWAY:
        if (in.removalDeferred()) {
          return new Hold(
              net,
              bridge,
              List.of("node not labelled " + NodeRole.LABEL + "=true; removal deferred (debounce)"),
              Finding.Kind.REMOVAL_DEFERRED);
        }
        return new NoGateway(net, bridge, "node not labelled " + NodeRole.LABEL + "=true");
      case GATEWAY:
      default:
        break;
    }
    GatewaySwitch gw = in.gateway();
    if (gw instanceof GatewaySwitch.Disabled d) {
      return new NoGateway(net, bridge, "gateway disabled: " + d.why());
    }
    if (gw instanceof GatewaySwitch.Invalid i) {
      return new Hold(net, bridge, i.errors());
    }
    String nic = ((GatewaySwitch.Enabled) gw).nic();
    if (nic.equals(bridge)) {
      return new Hold(net, bridge, List.of("external-gw-nic must not be the bridge " + bridge));
    }
    NicFacts facts = in.nic();
    return new Gateway(
        net,
        OvsBridge.owned(bridge, in.datapathType(), nic),
        facts.present(),
        facts.hazards(nic, in.nodeIps()));
  }
}

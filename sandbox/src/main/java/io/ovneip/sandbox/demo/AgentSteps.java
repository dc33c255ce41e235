package io.ovneip.sandbox.demo;

import java.util.Map;
import java.util.Optional;

/**
 * The document's second view, {@code ovs-vsctl show} on the gateway node: the agent has put the
 * gateway NIC into {@code br-external} and mapped the external network to it; other nodes have no
 * such bridge. Without a dataplane the sandbox runs no ovs-vswitchd or ovn-controller, so the patch
 * port the document also shows (ovn-controller's work) is not there, and a NIC this machine lacks
 * is left out with a {@code NicNotFound} Event instead; with one, both are there as in the
 * document.
 */
final class AgentSteps {
  /** The patch port ovn-controller creates for the localnet port {@code localnet.external}. */
  private static final String PATCH = "patch-localnet.external-to-br-int";

  private final Tools tools;
  private final Tutorial t;

  AgentSteps(Tools tools) {
    this.tools = tools;
    this.t = tools.tutorial();
  }

  void run(String gatewayNode, String nic) {
    t.step("Check OVS on the gateway node: the NIC's bridge br-external and the bridge mapping");
    Map<String, String> dbs = tools.target().ovsDbs();
    String db = dbs.get(gatewayNode);
    t.check(db != null, "an Open_vSwitch DB for " + gatewayNode);
    t.await(
        tools.target().changeTimeout(),
        "the agent on " + gatewayNode + " to create br-external",
        () ->
            tools.vsctlQuietly(db, "list-br").lines().anyMatch("br-external"::equals)
                ? Optional.of(true)
                : Optional.empty());
    boolean dataplane = tools.target().outsideNetns().isPresent();
    if (dataplane) {
      // ovn-controller adds its patch port once it sees the mapping the agent wrote.
      t.await(
          tools.target().changeTimeout(),
          "ovn-controller to patch br-external to br-int",
          () ->
              tools.vsctlQuietly(db, "list-ports", "br-external").contains(PATCH)
                  ? Optional.of(true)
                  : Optional.empty());
    }
    String show = tools.vsctl(db, "show").output();
    t.check(
        show.matches(
            "(?s).*Bridge br-external\\s.*Port br-external\\s+Interface br-external\\s+type:"
                + " internal.*"),
        "Bridge br-external with its internal port br-external");
    // All sandbox nodes share this machine's devices, and other programs may add or remove an
    // eth1 at any time: judge by what the agent did, not by a look at /sys that could race it.
    if (show.contains("Port " + nic)) {
      t.check(true, "the NIC " + nic + " is a port of br-external");
    } else {
      t.say(nic + " is not a network device on this machine: the agent leaves it out and says so.");
      String[] events = {
        "get",
        "events",
        "--field-selector",
        "involvedObject.name=" + gatewayNode,
        "-o",
        "custom-columns=TYPE:.type,REASON:.reason,MESSAGE:.message"
      };
      t.await(
          tools.target().changeTimeout(),
          "a NicNotFound event on node " + gatewayNode,
          () ->
              tools.kubectlQuietly(events).output().contains("NicNotFound")
                  ? Optional.of(true)
                  : Optional.empty());
      t.check(
          tools.kubectl(events).output().contains("NicNotFound"),
          "a NicNotFound event on node " + gatewayNode);
    }
    if (dataplane) {
      t.check(
          show.contains("Port " + PATCH) && show.contains("peer=patch-br-int-to-localnet.external"),
          "ovn-controller's patch port " + PATCH + " joins br-external to br-int");
    }
    String mappings =
        tools.vsctl(db, "get", "Open_vSwitch", ".", "external_ids:ovn-bridge-mappings").output();
    t.check(
        mappings.contains("external:br-external"),
        "ovn-bridge-mappings on " + gatewayNode + " has external:br-external");
    dbs.forEach(
        (node, other) -> {
          if (!node.equals(gatewayNode)) {
            String bridges = tools.vsctl(other, "list-br").output();
            t.check(
                bridges.lines().noneMatch("br-external"::equals),
                "no br-external on " + node + " (not a gateway node)");
          }
        });
  }
}

package io.ovneip.sandbox.fault;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ovneip.sandbox.cni.KubeOvnObjects;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One run of kube-ovn-cni's gateway step ({@code setExGateway}, every 3 s on every node, whatever
 * kube-ovn-controller's flags; docs/behaviour.md §8) against a node's Open_vSwitch DB, with the
 * recipe's flags unless told otherwise. Labelled {@code ovn.kubernetes.io/external-gw =true}: read
 * the ConfigMap in its own config namespace (missing: stop, no OVS change), delete whatever bridge
 * holds the NIC unless it is {@code br-<switch>}, add {@code br-<switch>} with the NIC and map
 * {@code <switch>:br-<switch>}. Not labelled: delete {@code br-<switch>} if it exists.
 */
final class KubeOvnCniGateway implements Fault {
  static final String LABEL = "ovn.kubernetes.io/external-gw";
  static final String CONFIG_MAP = "ovn-external-gw-config";

  @Override
  public String name() {
    return "kube-ovn-cni-gateway";
  }

  @Override
  public String usage() {
    return "NODE [--config-ns NS] [--switch NAME]";
  }

  @Override
  public String summary() {
    return "one run of kube-ovn-cni's gateway step on NODE's Open_vSwitch, with the recipe's"
        + " flags (--external-gateway-config-ns="
        + KubeOvnObjects.CNI_CONFIG_NS
        + " --external-gateway-switch="
        + KubeOvnObjects.CNI_UNUSED_SWITCH
        + ") unless given";
  }

  @Override
  public List<String> inject(FaultTarget target, List<String> args) {
    Args a = Args.parse(args, usage());
    if (target.ovsDb(a.node).isEmpty()) {
      throw new IllegalArgumentException(
          "no node " + a.node + " in this sandbox (nodes: " + target.ovsDbs().keySet() + ")");
    }
    List<String> did = new ArrayList<>();
    String bridge = "br-" + a.switchName;
    try (KubernetesClient client = KubeOvnRestart.client(target)) {
      Node node = client.nodes().withName(a.node).get();
      Map<String, String> labels = node == null ? null : node.getMetadata().getLabels();
      if (labels != null && "true".equals(labels.get(LABEL))) {
        ConfigMap cm = client.configMaps().inNamespace(a.configNs).withName(CONFIG_MAP).get();
        if (cm == null || cm.getData() == null) {
          did.add(
              "node labelled "
                  + LABEL
                  + "=true; no ConfigMap "
                  + a.configNs
                  + "/"
                  + CONFIG_MAP
                  + ": error logged, no OVS change");
          return did;
        }
        String nic = cm.getData().getOrDefault("external-gw-nic", "");
        String holder = holderOf(target, a.node, nic);
        if (!holder.isEmpty() && !holder.equals(bridge)) {
          target.vsctl(a.node, "--if-exists", "del-br", holder);
          did.add("deleted bridge " + holder + " (it held " + nic + ")");
        }
        target.vsctl(
            a.node, "--may-exist", "add-br", bridge, "--", "--may-exist", "add-port", bridge, nic);
        did.add("bridge " + bridge + " with " + nic);
        addMapping(target, a.node, a.switchName + ":" + bridge);
        did.add("mapped " + a.switchName + ":" + bridge);
      } else if (!bridges(target, a.node).contains(bridge)) {
        did.add("node not labelled; no bridge " + bridge + ": nothing to do");
      } else {
        target.vsctl(a.node, "--if-exists", "del-br", bridge);
        did.add("node not labelled: deleted bridge " + bridge);
      }
    }
    return did;
  }

  private static List<String> bridges(FaultTarget target, String node) {
    return target.vsctl(node, "list-br").lines().map(String::strip).toList();
  }

  /** The bridge with {@code nic} as a port; empty when none. */
  private static String holderOf(FaultTarget target, String node, String nic) {
    for (String br : bridges(target, node)) {
      if (target.vsctl(node, "list-ports", br).lines().map(String::strip).anyMatch(nic::equals)) {
        return br;
      }
    }
    return "";
  }

  /** A read-modify-write of the whole mappings string, as kube-ovn-cni does. */
  private static void addMapping(FaultTarget target, String node, String mapping) {
    String current =
        target
            .vsctl(
                node, "--if-exists", "get", "Open_vSwitch", ".", "external_ids:ovn-bridge-mappings")
            .strip()
            .replace("\"", "");
    List<String> entries =
        new ArrayList<>(Arrays.stream(current.split(",")).filter(s -> !s.isBlank()).toList());
    String key = mapping.substring(0, mapping.indexOf(':'));
    entries.removeIf(e -> e.startsWith(key + ":"));
    entries.add(mapping);
    target.vsctl(
        node,
        "set",
        "Open_vSwitch",
        ".",
        "external_ids:ovn-bridge-mappings=\"" + String.join(",", entries) + "\"");
  }

  private record Args(String node, String configNs, String switchName) {
    static Args parse(List<String> args, String usage) {
      String node = null;
      String ns = KubeOvnObjects.CNI_CONFIG_NS;
      String sw = KubeOvnObjects.CNI_UNUSED_SWITCH;
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        if ((arg.equals("--config-ns") || arg.equals("--switch")) && i + 1 < args.size()) {
          if (arg.equals("--config-ns")) {
            ns = args.get(++i);
          } else {
            sw = args.get(++i);
          }
        } else if (node == null && !arg.startsWith("-")) {
          node = arg;
        } else {
          throw new IllegalArgumentException("usage: " + usage + " (got " + args + ")");
        }
      }
      if (node == null) {
        throw new IllegalArgumentException("usage: " + usage);
      }
      return new Args(node, ns, sw);
    }
  }
}

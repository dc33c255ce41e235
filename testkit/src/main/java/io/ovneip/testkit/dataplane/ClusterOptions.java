package io.ovneip.testkit.dataplane;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a {@link Cluster} is built from.
 *
 * @param sbRemote the Southbound DB every ovn-controller connects to; it must be reachable from
 *     inside a network namespace, so a {@code unix:} socket (a file: it works across namespaces,
 *     multinode lab notes §2 step 3), not the root namespace's 127.0.0.1
 * @param nodes the nodes, in order; node {@code i} (from 1) gets underlay address {@code
 *     192.168.100.i}
 * @param outsideAddress the outside host's address on the external network, {@code IP/prefix}
 *     ({@code external-gw-addr}); on a dual-stack external network the pair {@code
 *     v4/prefix,v6/prefix}, as the ConfigMap takes it
 * @param nic the name of every node's NIC on the external network ({@code external-gw-nic})
 */
public record ClusterOptions(
    String sbRemote, List<NodeSpec> nodes, String outsideAddress, String nic) {
  private static final Pattern CIDR4 = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+/\\d{1,2}");
  private static final Pattern CIDR6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:]*/\\d{1,3}");
  private static final Pattern IFNAME = Pattern.compile("[A-Za-z0-9_.-]{1,15}");

  /**
   * One node: its Kubernetes name and its chassis name (OVS {@code system-id}).
   *
   * @param name the node's name ({@code Chassis.hostname})
   * @param chassis the chassis name
   */
  public record NodeSpec(String name, String chassis) {
    public NodeSpec {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(chassis, "chassis");
    }
  }

  public ClusterOptions {
    Objects.requireNonNull(sbRemote, "sbRemote");
    if (!sbRemote.startsWith("unix:")) {
      throw new IllegalArgumentException(
          "the SB remote must be a unix socket (reachable from every node's namespace): "
              + sbRemote);
    }
    nodes = List.copyOf(nodes);
    if (nodes.isEmpty() || nodes.size() > 9) {
      throw new IllegalArgumentException("a cluster has 1..9 nodes, not " + nodes.size());
    }
    Set<String> names = new HashSet<>();
    for (NodeSpec n : nodes) {
      if (!names.add(n.name()) || !names.add("chassis:" + n.chassis())) {
        throw new IllegalArgumentException("node names and chassis must be unique: " + nodes);
      }
    }
    String[] parts = outsideAddress.split(",", -1);
    if (!CIDR4.matcher(parts[0]).matches()
        || parts.length > 2
        || (parts.length == 2 && !CIDR6.matcher(parts[1]).matches())) {
      throw new IllegalArgumentException(
          "outside address must be IPv4 IP/prefix, or an IPv4,IPv6 pair: " + outsideAddress);
    }
    if (!IFNAME.matcher(nic).matches()) {
      throw new IllegalArgumentException("not a Linux interface name: " + nic);
    }
  }

  /** Whether the external network is dual-stack (the outside host has an IPv6 address too). */
  public boolean dualStack() {
    return outsideAddress.contains(",");
  }

  /** The same cluster with the outside host at {@code address} ({@code IP/prefix} or a pair). */
  public ClusterOptions withOutsideAddress(String address) {
    return new ClusterOptions(sbRemote, nodes, address, nic);
  }

  /** The seed's external network: outside host {@code 172.56.0.1/16}, NIC {@code eth1}. */
  public static ClusterOptions seed(String sbRemote, List<NodeSpec> nodes) {
    return new ClusterOptions(sbRemote, nodes, "172.56.0.1/16", "eth1");
  }
}

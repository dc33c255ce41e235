package io.ovneip.sandbox.cni;

import java.util.Objects;

/**
 * The default VPC as Kube-OVN creates it: the cluster router, the default pod switch, its subnet
 * and the router's address on it. Names follow Kube-OVN: the router port is {@code
 * <router>-<switch>}, its peer switch port {@code <switch>-<router>}.
 */
public record ClusterNetwork(
    String routerName, String switchName, Ipv4Cidr subnet, String routerPortMac) {
  public ClusterNetwork {
    Objects.requireNonNull(routerName, "routerName");
    Objects.requireNonNull(switchName, "switchName");
    Objects.requireNonNull(subnet, "subnet");
    Objects.requireNonNull(routerPortMac, "routerPortMac");
  }

  /** Kube-OVN's defaults: {@code ovn-cluster}, {@code ovn-default}, 10.16.0.0/16. */
  public static ClusterNetwork defaults() {
    return new ClusterNetwork(
        "ovn-cluster", "ovn-default", Ipv4Cidr.parse("10.16.0.0/16"), "00:00:00:10:00:01");
  }

  /** The subnet's first host address, the router's port on the switch (10.16.0.1). */
  public String gatewayIp() {
    return subnet.hostAddress(1);
  }

  public String routerPortName() {
    return routerName + "-" + switchName;
  }

  public String switchRouterPortName() {
    return switchName + "-" + routerName;
  }

  /** The match of the 31000 "destination inside the cluster: allow" policy. */
  public String inClusterMatch() {
    return "ip4.dst == " + subnet;
  }
}

package io.ovneip.sandbox.cni;

import java.util.Objects;

/**
 * The default VPC as Kube-OVN creates it: the cluster router, the default pod switch, its subnet
 * and the router's address on it. Names follow Kube-OVN: the router port is {@code
 * <router>-<switch>}, its peer switch port {@code <switch>-<router>}.
 *
 * <p>Dual stack ({@code sandbox up --dual-stack}): the subnet's IPv6 half is the /64 {@code
 * <prefix6>::/64}, its gateway {@code <prefix6>::1}. A pod's IPv6 address carries the same host
 * index as its IPv4 one (10.16.0.7 and fd00:10:16::7), so the pair is allocated and released as one
 * and needs no second pool.
 *
 * @param prefix6 the IPv6 /64 without its trailing {@code ::} (e.g. {@code fd00:10:16}), or "" for
 *     an IPv4-only network
 */
public record ClusterNetwork(
    String routerName, String switchName, Ipv4Cidr subnet, String routerPortMac, String prefix6) {
  public ClusterNetwork {
    Objects.requireNonNull(routerName, "routerName");
    Objects.requireNonNull(switchName, "switchName");
    Objects.requireNonNull(subnet, "subnet");
    Objects.requireNonNull(routerPortMac, "routerPortMac");
    Objects.requireNonNull(prefix6, "prefix6");
    if (!prefix6.isEmpty() && !prefix6.matches("[0-9a-f]{1,4}(:[0-9a-f]{1,4}){0,3}")) {
      throw new IllegalArgumentException("prefix6: the first 1..4 groups of a /64: " + prefix6);
    }
  }

  /** Kube-OVN's defaults: {@code ovn-cluster}, {@code ovn-default}, 10.16.0.0/16. */
  public static ClusterNetwork defaults() {
    return new ClusterNetwork(
        "ovn-cluster", "ovn-default", Ipv4Cidr.parse("10.16.0.0/16"), "00:00:00:10:00:01", "");
  }

  /** Kube-OVN's dual-stack defaults: 10.16.0.0/16 and fd00:10:16::/64. */
  public static ClusterNetwork dualStackDefaults() {
    return new ClusterNetwork(
        "ovn-cluster",
        "ovn-default",
        Ipv4Cidr.parse("10.16.0.0/16"),
        "00:00:00:10:00:01",
        "fd00:10:16");
  }

  public boolean dualStack() {
    return !prefix6.isEmpty();
  }

  /** {@code fd00:10:16::/64}; only for a dual-stack network. */
  public String subnet6() {
    return prefix6 + "::/64";
  }

  /** The IPv6 gateway, the router port's IPv6 address ({@code fd00:10:16::1}). */
  public String gatewayIp6() {
    return prefix6 + "::1";
  }

  /** The pod's IPv6 address for its IPv4 one: the same host index in the /64; "" if IPv4-only. */
  public String ip6For(String ip4) {
    if (!dualStack()) {
      return "";
    }
    return prefix6 + "::" + Long.toHexString(subnet.indexOf(ip4));
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

  /** Its IPv6 twin, on a dual-stack network. */
  public String inClusterMatch6() {
    return "ip6.dst == " + subnet6();
  }

  /** The {@code ovn.kubernetes.io/cidr} Kube-OVN writes on pods: comma-joined on dual stack. */
  public String cidrs() {
    return dualStack() ? subnet + "," + subnet6() : subnet.toString();
  }

  /** The {@code ovn.kubernetes.io/gateway} Kube-OVN writes on pods. */
  public String gateways() {
    return dualStack() ? gatewayIp() + "," + gatewayIp6() : gatewayIp();
  }
}

package io.ovneip.testkit.dataplane;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A pod's network as the CNI allocated it (Kube-OVN's annotations {@code ip_address}, {@code
 * mac_address}, the subnet's gateway).
 *
 * @param namespace Kubernetes namespace
 * @param name pod name; the OVN port is {@code <name>.<namespace>} (Kube-OVN's naming)
 * @param mac the pod's MAC
 * @param ip the pod's IPv4 address
 * @param prefix the subnet's prefix length (16 for {@code ovn-default} 10.16.0.0/16)
 * @param gateway the subnet gateway, the router port's address (10.16.0.1)
 * @param ip6 the pod's IPv6 address on a dual-stack subnet, or "" for an IPv4-only pod
 * @param prefix6 the subnet's IPv6 prefix length (64 for {@code fd00:10:16::/64}), 0 without
 * @param gateway6 the subnet's IPv6 gateway ({@code fd00:10:16::1}), or ""
 */
public record PodSpec(
    String namespace,
    String name,
    String mac,
    String ip,
    int prefix,
    String gateway,
    String ip6,
    int prefix6,
    String gateway6) {
  private static final Pattern MAC = Pattern.compile("([0-9a-f]{2}:){5}[0-9a-f]{2}");

  public PodSpec {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    if (!MAC.matcher(mac).matches()) {
      throw new IllegalArgumentException("MAC must be lower-case aa:bb:cc:dd:ee:ff: " + mac);
    }
    Objects.requireNonNull(ip, "ip");
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(ip6, "ip6");
    Objects.requireNonNull(gateway6, "gateway6");
    if (!ip6.isEmpty() && (gateway6.isEmpty() || prefix6 < 1 || prefix6 > 128)) {
      throw new IllegalArgumentException("an IPv6 address needs its prefix and gateway: " + ip6);
    }
  }

  /** An IPv4-only pod. */
  public PodSpec(String namespace, String name, String mac, String ip, int prefix, String gateway) {
    this(namespace, name, mac, ip, prefix, gateway, "", 0, "");
  }

  /** Kube-OVN's default dual-stack subnet's IPv6 half: {@code fd00:10:16::/64}. */
  public static final String DEFAULT_SUBNET6 = "fd00:10:16::/64";

  /**
   * A dual-stack pod on Kube-OVN's default subnet (10.16.0.0/16 and fd00:10:16::/64, gateways
   * 10.16.0.1 and fd00:10:16::1).
   */
  public static PodSpec dualStackOnDefaultSubnet(
      String namespace, String name, String mac, String ip, String ip6) {
    return new PodSpec(namespace, name, mac, ip, 16, "10.16.0.1", ip6, 64, "fd00:10:16::1");
  }

  public boolean dualStack() {
    return !ip6.isEmpty();
  }

  /**
   * Every address, comma-joined as Kube-OVN's {@code ovn.kubernetes.io/ip_address} annotation
   * carries them (IPv4 first).
   */
  public String ipAddressAnnotation() {
    return dualStack() ? ip + "," + ip6 : ip;
  }

  /** A pod on Kube-OVN's default subnet {@code ovn-default} (10.16.0.0/16, gateway 10.16.0.1). */
  public static PodSpec onDefaultSubnet(String namespace, String name, String mac, String ip) {
    return new PodSpec(namespace, name, mac, ip, 16, "10.16.0.1");
  }

  /** {@code <name>.<namespace>}: the logical switch port and the OVS {@code iface-id}. */
  public String ovnPort() {
    return name + "." + namespace;
  }
}

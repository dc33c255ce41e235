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
 */
public record PodSpec(
    String namespace, String name, String mac, String ip, int prefix, String gateway) {
  private static final Pattern MAC = Pattern.compile("([0-9a-f]{2}:){5}[0-9a-f]{2}");

  public PodSpec {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    if (!MAC.matcher(mac).matches()) {
      throw new IllegalArgumentException("MAC must be lower-case aa:bb:cc:dd:ee:ff: " + mac);
    }
    Objects.requireNonNull(ip, "ip");
    Objects.requireNonNull(gateway, "gateway");
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

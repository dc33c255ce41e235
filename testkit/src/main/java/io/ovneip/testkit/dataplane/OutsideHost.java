package io.ovneip.testkit.dataplane;

/**
 * The physical network beyond the gateway NIC: a namespace holding {@code external-gw-addr} on
 * {@code iface}, whose veth peer is the gateway NIC. It has no route back to the pod network, so
 * any reply it manages to send to a pod proves NAT happened.
 *
 * @param netns its namespace
 * @param iface its interface inside the namespace
 * @param nic the gateway NIC (the veth end in the root namespace)
 * @param cidr its address, {@code IP/prefix}, or a dual-stack pair {@code v4/prefix,v6/prefix}
 */
public record OutsideHost(Netns netns, String iface, String nic, String cidr) {
  /** The outside host's IP (the gateway address pods' traffic is rerouted to). */
  public String ip() {
    return cidr.substring(0, cidr.indexOf('/'));
  }

  /** The outside host's IPv6 address on a dual-stack external network, or "". */
  public String ip6() {
    int comma = cidr.indexOf(',');
    return comma < 0 ? "" : cidr.substring(comma + 1, cidr.indexOf('/', comma));
  }
}

package io.ovneip.testkit.dataplane;

/**
 * A pod that exists on the wire: its namespace (interface {@code eth0}) and the host end of its
 * veth, a port of {@code br-int}.
 *
 * @param spec what the CNI allocated
 * @param netns the pod's network namespace
 * @param hostIf the veth end in the root namespace, an OVS port on {@code br-int}
 */
public record PodNetns(PodSpec spec, Netns netns, String hostIf) {
  /** The pod's IPv4 address. */
  public String ip() {
    return spec.ip();
  }
}

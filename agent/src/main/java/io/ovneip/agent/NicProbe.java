package io.ovneip.agent;

import io.ovneip.model.ovs.NicFacts;

/**
 * What the host says about a network device right now: whether it exists, its addresses and whether
 * a default route leaves through it. The agent asks before every pass that would bridge the NIC: a
 * port for a missing device would only carry vswitchd's "could not open network device" error, and
 * a NIC carrying the node's own traffic must never be bridged.
 */
@FunctionalInterface
public interface NicProbe {
  NicFacts probe(String nic);

  /** iproute2 in the agent's network namespace (the host's: the DaemonSet uses hostNetwork). */
  static NicProbe host() {
    return new IpRouteProbe(java.util.List.of("ip"));
  }

  /**
   * iproute2 in network namespace {@code netns} ({@code ip -n}): for an agent whose node is a
   * namespace of its own, as in the sandbox's and tests' multi-chassis dataplane.
   */
  static NicProbe inNetns(String netns) {
    return new IpRouteProbe(java.util.List.of("ip", "-n", netns));
  }
}

package io.ovneip.model.ovs;

import io.ovneip.model.input.IpAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the host says about the configured NIC right now, probed at the edge: whether it exists, the
 * addresses it carries and whether a default route leaves through it. A NIC moved into an OVS
 * bridge loses its IP traffic to the bridge, so a NIC that carries the node's own traffic must
 * never be bridged (a typo such as {@code eth0} would cut the node off).
 *
 * @param present the device exists
 * @param addresses the addresses configured on it, any scope
 * @param defaultRoute an IPv4 or IPv6 default route uses it
 * @param probeError the probe could not tell (then nothing is assumed safe)
 */
public record NicFacts(
    boolean present, List<IpAddress> addresses, boolean defaultRoute, Optional<String> probeError) {
  public NicFacts {
    addresses = List.copyOf(addresses);
    Objects.requireNonNull(probeError, "probeError");
  }

  /** The device does not exist. */
  public static NicFacts absent() {
    return new NicFacts(false, List.of(), false, Optional.empty());
  }

  /** A device with no address and no route: what a dedicated gateway NIC looks like. */
  public static NicFacts bare() {
    return new NicFacts(true, List.of(), false, Optional.empty());
  }

  /** The probe failed: the NIC's state is unknown. */
  public static NicFacts unknown(String error) {
    return new NicFacts(false, List.of(), false, Optional.of(error));
  }

  /**
   * Why bridging {@code nic} would cut this node off, or empty when it is safe. {@code nodeIps} are
   * the Node's InternalIP addresses.
   */
  public List<String> hazards(String nic, Set<IpAddress> nodeIps) {
    List<String> out = new ArrayList<>();
    probeError.ifPresent(e -> out.add("cannot inspect NIC " + nic + ": " + e));
    if (defaultRoute) {
      out.add("NIC " + nic + " carries the node's default route");
    }
    for (IpAddress a : addresses) {
      if (nodeIps.contains(a)) {
        out.add("NIC " + nic + " holds the node's InternalIP " + a);
      } else if (a.isGlobalUnicast()) {
        out.add("NIC " + nic + " holds the global unicast address " + a);
      }
    }
    return out;
  }
}

package io.ovneip.model.desired;

import io.ovneip.model.input.GatewayConfig;
import io.ovneip.model.input.GatewayType;
import io.ovneip.model.input.IpAddress;
import io.ovneip.model.input.MacAddress;
import io.ovneip.model.input.NorthboundFacts;
import io.ovneip.model.input.NorthboundFacts.PodPort;
import io.ovneip.model.input.PodIntent;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a pod's annotated IP can be trusted (docs/behaviour.md §2.3): any user who can create
 * pods can write {@code ip_address}, so only OVN's own port proves it. The pod's
 * Logical_Switch_Port {@code <name>.<namespace>} must be on a switch of the cluster router with
 * that IP (and, for a distributed EIP, that MAC) in its {@code addresses}. Pods of other VPCs and
 * of underlay subnets are ignored, as the reference does.
 */
final class PortRules {
  private PortRules() {}

  /** The outcome of a pod whose port does not prove its address; empty when it does. */
  static Optional<PodOutcome> untrusted(
      GatewayConfig config, PodIntent pod, NorthboundFacts facts) {
    Optional<PodPort> found = facts.podPort(pod.pod());
    String name = pod.pod().logicalPortName();
    if (found.isEmpty()) {
      return Optional.of(
          PodOutcome.without(
              pod.pod(),
              PodOutcome.Status.PORT_NOT_FOUND,
              "NB has no Logical_Switch_Port " + name + " for the pod (yet)"));
    }
    PodPort port = found.get();
    switch (port.kind()) {
      case UNDERLAY -> {
        return Optional.of(
            PodOutcome.without(
                pod.pod(),
                PodOutcome.Status.OTHER_NETWORK,
                "the pod's switch "
                    + port.switchName()
                    + " is an underlay (VLAN) subnet: eip and snat do not apply"));
      }
      case OTHER -> {
        return Optional.of(
            PodOutcome.without(
                pod.pod(),
                PodOutcome.Status.OTHER_NETWORK,
                "the pod's switch "
                    + port.switchName()
                    + " is not a subnet of the cluster router (another VPC): eip and snat do"
                    + " not apply"));
      }
      case CLUSTER -> {}
    }
    Set<IpAddress> ips = new HashSet<>();
    Set<String> macs = new HashSet<>();
    for (String entry : port.addresses()) {
      String[] tokens = entry.trim().split("\\s+");
      MacAddress.parse(tokens[0]).ifPresent(m -> macs.add(m.text().toLowerCase(Locale.ROOT)));
      for (String t : tokens) {
        IpAddress.parse(t).ifPresent(ips::add);
      }
    }
    for (IpAddress ip : pod.ips()) {
      if (!ips.contains(ip)) {
        return Optional.of(mismatch(pod, "IP " + ip.text(), port));
      }
    }
    if (needsMac(config, pod)
        && pod.mac().isPresent()
        && !macs.contains(pod.mac().get().text().toLowerCase(Locale.ROOT))) {
      return Optional.of(mismatch(pod, "MAC " + pod.mac().get().text(), port));
    }
    return Optional.empty();
  }

  /** A distributed EIP binds the NAT to the pod's MAC: the port must prove the MAC too. */
  private static boolean needsMac(GatewayConfig config, PodIntent pod) {
    return config.type() == GatewayType.DISTRIBUTED && !pod.eips().isEmpty();
  }

  private static PodOutcome mismatch(PodIntent pod, String what, PodPort port) {
    return PodOutcome.without(
        pod.pod(),
        PodOutcome.Status.PORT_MISMATCH,
        "the pod's "
            + what
            + " is not in the addresses of its Logical_Switch_Port "
            + port.name()
            + " "
            + List.copyOf(port.addresses())
            + ": not trusted");
  }
}

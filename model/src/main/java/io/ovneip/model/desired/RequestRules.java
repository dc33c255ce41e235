package io.ovneip.model.desired;

import io.ovneip.model.input.Annotations;
import io.ovneip.model.input.GatewayConfig;
import io.ovneip.model.input.GatewayType;
import io.ovneip.model.input.IpAddress;
import io.ovneip.model.input.IpPrefix;
import io.ovneip.model.input.PodIntent;
import java.util.Optional;

/**
 * The per-address rules of docs/behaviour.md §4.5 that need no other pod: why an address is
 * invalid.
 */
final class RequestRules {
  private RequestRules() {}

  /** The reason to reject {@code address} for {@code pod}; empty when it may be claimed. */
  static Optional<String> reject(
      GatewayConfig config, PodIntent pod, NatRequest request, IpAddress address) {
    String label = address.family().label();
    for (IpPrefix nic : config.nicIps()) {
      if (nic.address().equals(address)) {
        return Optional.of(address + " is the gateway port's own address (nic-ip)");
      }
    }
    for (IpPrefix gw : config.gatewayAddresses()) {
      if (gw.address().equals(address)) {
        return Optional.of(address + " is the physical gateway's address (external-gw-addr)");
      }
    }
    Optional<IpPrefix> nic = config.nicIp(address.family());
    if (nic.isEmpty()) {
      return Optional.of("the gateway has no " + label + " network (nic-ip) for " + address);
    }
    if (!nic.get().contains(address)) {
      return Optional.of(address + " is outside every nic-ip network (" + network(nic.get()) + ")");
    }
    if (nic.get().isReservedHost(address)) {
      return Optional.of(address + " is the network or broadcast address of " + network(nic.get()));
    }
    if (pod.ip(address.family()).isEmpty()) {
      return Optional.of("the pod has no " + label + " address to bind " + address + " to");
    }
    if (request == NatRequest.EIP
        && config.type() == GatewayType.DISTRIBUTED
        && pod.mac().isEmpty()) {
      return Optional.of("a distributed EIP needs the pod's MAC (" + Annotations.MAC_ADDRESS + ")");
    }
    return Optional.empty();
  }

  private static String network(IpPrefix p) {
    return p.network() + "/" + p.length();
  }
}

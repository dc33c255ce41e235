package io.ovneip.model.input;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A valid {@code ovn-external-gw-config} (docs/behaviour.md §2.1). Built only by {@link
 * GatewayConfigParser} (or {@link #disabled()}), so an enabled config is always consistent: the
 * gateway addresses and nic-ips cover the same families, one of each at most, and each gateway IP
 * lies in the nic-ip network of its family.
 *
 * @param nodes centralized mode: gateway nodes in priority order (trimmed, no duplicates); empty in
 *     distributed mode, where every node with a chassis is a gateway
 * @param gatewayAddresses {@code external-gw-addr}: the physical gateway; the IP part is the next
 *     hop of the reroute policies
 * @param nicIps {@code nic-ip}: the router port's own addresses ({@code
 *     Logical_Router_Port.networks})
 * @param preemptive {@code gateway-failback: preemptive}: gateway priorities always follow the
 *     configured order, so a returning node takes the gateway back; false (the default): the active
 *     gateway chassis keeps it (docs/behaviour.md §3.1)
 * @param bfdIntervalMs {@code gateway-bfd-interval-ms}: OVN's BFD interval for gateway chassis
 *     (NB_Global {@code bfd-min-rx}/{@code bfd-min-tx}), empty when not asked (docs/behaviour.md
 *     §3.2)
 */
public record GatewayConfig(
    boolean enabled,
    GatewayType type,
    List<String> nodes,
    String nic,
    List<IpPrefix> gatewayAddresses,
    List<IpPrefix> nicIps,
    MacAddress nicMac,
    boolean preemptive,
    Optional<Integer> bfdIntervalMs) {

  /** Without a BFD interval of ours. */
  public GatewayConfig(
      boolean enabled,
      GatewayType type,
      List<String> nodes,
      String nic,
      List<IpPrefix> gatewayAddresses,
      List<IpPrefix> nicIps,
      MacAddress nicMac,
      boolean preemptive) {
    this(enabled, type, nodes, nic, gatewayAddresses, nicIps, nicMac, preemptive, Optional.empty());
  }

  /** Non-preemptive failback (the default). */
  public GatewayConfig(
      boolean enabled,
      GatewayType type,
      List<String> nodes,
      String nic,
      List<IpPrefix> gatewayAddresses,
      List<IpPrefix> nicIps,
      MacAddress nicMac) {
    this(enabled, type, nodes, nic, gatewayAddresses, nicIps, nicMac, false);
  }

  public GatewayConfig {
    Objects.requireNonNull(type, "type");
    nodes = List.copyOf(nodes);
    Objects.requireNonNull(nic, "nic");
    gatewayAddresses = List.copyOf(gatewayAddresses);
    nicIps = List.copyOf(nicIps);
    Objects.requireNonNull(bfdIntervalMs, "bfdIntervalMs");
    if (enabled) {
      Objects.requireNonNull(nicMac, "nicMac");
    }
  }

  /** The ConfigMap is missing or says {@code enable-external-gw: "false"}. */
  public static GatewayConfig disabled() {
    return new GatewayConfig(
        false, GatewayType.CENTRALIZED, List.of(), "", List.of(), List.of(), null);
  }

  /** The families the gateway serves, in nic-ip order. */
  public Set<IpFamily> families() {
    Set<IpFamily> out = new LinkedHashSet<>();
    nicIps.forEach(p -> out.add(p.family()));
    return out;
  }

  /** The physical gateway's IP of a family: the next hop of that family's reroute policies. */
  public Optional<IpAddress> gatewayIp(IpFamily family) {
    return gatewayAddresses.stream()
        .filter(p -> p.family() == family)
        .map(IpPrefix::address)
        .findFirst();
  }

  /** The router port's address (and network) of a family. */
  public Optional<IpPrefix> nicIp(IpFamily family) {
    return nicIps.stream().filter(p -> p.family() == family).findFirst();
  }

  /** The router port's MAC; present when enabled. */
  public Optional<MacAddress> mac() {
    return Optional.ofNullable(nicMac);
  }
}

package io.ovneip.model.input;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The address rules of docs/behaviour.md §2.1 for {@code external-gw-addr} and {@code nic-ip}. */
final class AddressRules {
  private AddressRules() {}

  /**
   * One CIDR, or a dual-stack pair (one IPv4, one IPv6, either order). Empty on any error, which is
   * then in {@code errors}.
   */
  static List<IpPrefix> cidrs(String key, String value, List<FieldError> errors) {
    if (value.isEmpty()) {
      errors.add(new FieldError(key, "required: IP/prefix, or an IPv4,IPv6 pair"));
      return List.of();
    }
    String[] parts = value.split(",", -1);
    if (parts.length > 2) {
      errors.add(
          new FieldError(key, "at most two CIDRs (one IPv4, one IPv6), got " + parts.length));
      return List.of();
    }
    List<IpPrefix> out = new ArrayList<>();
    int before = errors.size();
    for (String part : parts) {
      cidr(key, part.strip(), errors).ifPresent(out::add);
    }
    if (out.size() == 2 && out.get(0).family() == out.get(1).family()) {
      errors.add(new FieldError(key, "a pair must be one IPv4 and one IPv6 CIDR: " + value));
    }
    return errors.size() == before ? List.copyOf(out) : List.of();
  }

  private static Optional<IpPrefix> cidr(String key, String text, List<FieldError> errors) {
    Optional<IpPrefix> p = IpPrefix.parse(text);
    if (p.isEmpty()) {
      errors.add(new FieldError(key, "\"" + text + "\" is not a CIDR (IP/prefix)"));
      return p;
    }
    IpAddress a = p.get().address();
    if (a.isUnspecified() || a.isLoopback() || a.isMulticast()) {
      errors.add(new FieldError(key, text + ": not a unicast host address"));
      return Optional.empty();
    }
    if (p.get().isReservedHost(a)) {
      errors.add(new FieldError(key, text + ": the network or broadcast address, not a host"));
      return Optional.empty();
    }
    return p;
  }

  /**
   * {@code nic-ip} covers the same families as {@code external-gw-addr}, and each gateway IP is a
   * different host inside the nic-ip network of its family: the gateway must be on-link for the
   * router port, or OVN cannot resolve the next hop of the reroute policies.
   */
  static void checkGatewayInsideNic(
      List<IpPrefix> gateway, List<IpPrefix> nicIps, List<FieldError> errors) {
    if (gateway.isEmpty() || nicIps.isEmpty()) {
      return; // already reported
    }
    for (IpPrefix nic : nicIps) {
      if (gateway.stream().noneMatch(g -> g.family() == nic.family())) {
        errors.add(
            new FieldError(
                GatewayConfigParser.NIC_IP,
                nic.text() + " has no " + nic.family().label() + " gateway in external-gw-addr"));
      }
    }
    for (IpPrefix gw : gateway) {
      Optional<IpPrefix> nic = nicIps.stream().filter(n -> n.family() == gw.family()).findFirst();
      if (nic.isEmpty()) {
        errors.add(
            new FieldError(
                GatewayConfigParser.GATEWAY_ADDR,
                gw.text() + " has no " + gw.family().label() + " address in nic-ip"));
      } else if (!nic.get().contains(gw.address())) {
        errors.add(
            new FieldError(
                GatewayConfigParser.GATEWAY_ADDR,
                "gateway "
                    + gw.address()
                    + " is outside the nic-ip network "
                    + nic.get().network()
                    + "/"
                    + nic.get().length()));
      } else if (nic.get().address().equals(gw.address())) {
        errors.add(
            new FieldError(
                GatewayConfigParser.NIC_IP,
                nic.get().address() + " is the gateway's own address (external-gw-addr)"));
      }
    }
  }
}

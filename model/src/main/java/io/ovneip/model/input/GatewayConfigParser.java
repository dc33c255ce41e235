package io.ovneip.model.input;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses the data of ConfigMap {@code ovn-external-gw-config} (docs/behaviour.md §2.1), the one
 * parser the controller, the agent and {@code ovn-eip status} share. Every rule is checked and
 * every error returned at once, each naming its key; the reference validates nothing.
 */
public final class GatewayConfigParser {
  public static final String CONFIG_MAP_NAME = "ovn-external-gw-config";
  public static final String ENABLE = "enable-external-gw";
  public static final String TYPE = "type";
  public static final String NODES = "external-gw-nodes";

  /** Ours: {@code non-preemptive} (default) or {@code preemptive} (docs/behaviour.md §3.1). */
  public static final String FAILBACK = "gateway-failback";

  /** Ours: OVN's BFD interval for gateway chassis, ms (docs/behaviour.md §3.2). */
  public static final String BFD_INTERVAL = "gateway-bfd-interval-ms";

  public static final String NIC = "external-gw-nic";
  public static final String GATEWAY_ADDR = "external-gw-addr";
  public static final String NIC_IP = "nic-ip";
  public static final String NIC_MAC = "nic-mac";

  private GatewayConfigParser() {}

  /**
   * @param data the ConfigMap's data; null when the ConfigMap does not exist (= disabled)
   */
  public static Validated<GatewayConfig> parse(Map<String, String> data) {
    Validated<Boolean> enabled = enabled(data);
    if (!enabled.isValid()) {
      return Validated.invalid(enabled.errors());
    }
    return enabled.orElseThrow() ? parseEnabled(data) : Validated.valid(GatewayConfig.disabled());
  }

  /**
   * The switch alone: a missing ConfigMap ({@code data == null}), a missing or empty key, or {@code
   * "false"} disable; {@code "true"} enables; anything else is invalid.
   */
  public static Validated<Boolean> enabled(Map<String, String> data) {
    if (data == null) {
      return Validated.valid(false);
    }
    String enable = trimmed(data, ENABLE);
    // A missing key disables, like a missing ConfigMap: the reference only enables on "true".
    if (enable.isEmpty() || enable.equals("false")) {
      return Validated.valid(false);
    }
    if (!enable.equals("true")) {
      return Validated.invalid(ENABLE, "must be \"true\" or \"false\", got \"" + enable + "\"");
    }
    return Validated.valid(true);
  }

  /** The NIC to bridge on gateway nodes, trimmed: required, and a Linux interface name. */
  public static Validated<String> nic(Map<String, String> data) {
    String nic = trimmed(data, NIC);
    if (nic.isEmpty()) {
      return Validated.invalid(NIC, "required: the NIC on gateway nodes to put into br-external");
    }
    if (!Names.isInterfaceName(nic)) {
      return Validated.invalid(
          NIC,
          "\""
              + nic
              + "\" is not a valid Linux interface name (1..15 "
              + "printable characters, no '/', ':' or whitespace)");
    }
    return Validated.valid(nic);
  }

  private static Validated<GatewayConfig> parseEnabled(Map<String, String> data) {
    List<FieldError> errors = new ArrayList<>();
    Optional<GatewayType> type = type(trimmed(data, TYPE), errors);
    List<String> nodes =
        type.orElse(null) == GatewayType.CENTRALIZED
            ? nodes(trimmed(data, NODES), errors)
            : List.of();
    Validated<String> validNic = nic(data);
    errors.addAll(validNic.errors());
    String nic = validNic.value().orElse("");
    List<IpPrefix> gateway = AddressRules.cidrs(GATEWAY_ADDR, trimmed(data, GATEWAY_ADDR), errors);
    List<IpPrefix> nicIps = AddressRules.cidrs(NIC_IP, trimmed(data, NIC_IP), errors);
    AddressRules.checkGatewayInsideNic(gateway, nicIps, errors);
    Optional<MacAddress> mac = mac(trimmed(data, NIC_MAC), nicIps, errors);
    boolean preemptive = failback(trimmed(data, FAILBACK), errors);
    Optional<Integer> bfd = bfdInterval(trimmed(data, BFD_INTERVAL), errors);
    if (!errors.isEmpty()) {
      return Validated.invalid(errors);
    }
    return Validated.valid(
        new GatewayConfig(
            true,
            type.orElseThrow(),
            nodes,
            nic,
            gateway,
            nicIps,
            mac.orElseThrow(),
            preemptive,
            bfd));
  }

  /** OVN's BFD interval in ms, 10..60000; absent or empty: not asked (OVN's own default). */
  private static Optional<Integer> bfdInterval(String value, List<FieldError> errors) {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      int ms = Integer.parseInt(value);
      if (ms >= 10 && ms <= 60000) {
        return Optional.of(ms);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(
        new FieldError(
            BFD_INTERVAL,
            "must be a whole number of milliseconds, 10..60000, got \"" + value + "\""));
    return Optional.empty();
  }

  /** Whether failback is preemptive; absent or empty means non-preemptive. */
  private static boolean failback(String value, List<FieldError> errors) {
    return switch (value) {
      case "", "non-preemptive" -> false;
      case "preemptive" -> true;
      default -> {
        errors.add(
            new FieldError(
                FAILBACK, "must be \"non-preemptive\" or \"preemptive\", got \"" + value + "\""));
        yield false;
      }
    };
  }

  private static Optional<GatewayType> type(String value, List<FieldError> errors) {
    return switch (value) {
      // The seed (Kube-OVN's own documentation) spells it "centrailized"; users copy that text,
      // and the reference treats every value other than "distributed" as centralized.
      case "", "centralized", "centrailized" -> Optional.of(GatewayType.CENTRALIZED);
      case "distributed" -> Optional.of(GatewayType.DISTRIBUTED);
      default -> {
        errors.add(
            new FieldError(
                TYPE, "must be \"centralized\" or \"distributed\", got \"" + value + "\""));
        yield Optional.empty();
      }
    };
  }

  private static List<String> nodes(String value, List<FieldError> errors) {
    Set<String> nodes = new LinkedHashSet<>();
    for (String part : value.split(",", -1)) {
      String node = part.strip();
      if (node.isEmpty()) {
        continue;
      }
      if (!Names.isNodeName(node)) {
        errors.add(new FieldError(NODES, "\"" + node + "\" is not a valid node name"));
      }
      nodes.add(node);
    }
    if (nodes.isEmpty()) {
      errors.add(new FieldError(NODES, "required in centralized mode: gateway node names"));
    }
    return List.copyOf(nodes);
  }

  private static Optional<MacAddress> mac(
      String value, List<IpPrefix> nicIps, List<FieldError> errors) {
    if (value.isEmpty()) {
      // The reference generates a random MAC when none is given; a MAC derived from the nic-ips
      // is as good on the wire and stays the same on every reconcile.
      StringBuilder seed = new StringBuilder("ovn-eip");
      nicIps.forEach(p -> seed.append(' ').append(p.text()));
      return Optional.of(MacAddress.derivedFrom(seed.toString()));
    }
    Optional<MacAddress> mac = MacAddress.parse(value);
    if (mac.isEmpty()) {
      errors.add(new FieldError(NIC_MAC, "\"" + value + "\" is not a MAC (xx:xx:xx:xx:xx:xx)"));
    } else if (!mac.get().isUnicast()) {
      errors.add(new FieldError(NIC_MAC, value + " is not a unicast MAC"));
      return Optional.empty();
    }
    return mac;
  }

  private static String trimmed(Map<String, String> data, String key) {
    String v = data.get(key);
    return v == null ? "" : v.strip();
  }
}

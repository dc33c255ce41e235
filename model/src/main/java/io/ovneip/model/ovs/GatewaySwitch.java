package io.ovneip.model.ovs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The part of ConfigMap {@code ovn-external-gw-config} the agent needs (spec section 2.1): whether
 * the gateway is enabled, and which NIC to bridge. The controller validates the rest.
 */
public sealed interface GatewaySwitch {
  String ENABLE_KEY = "enable-external-gw";
  String NIC_KEY = "external-gw-nic";

  /** Enabled with a valid NIC name. */
  record Enabled(String nic) implements GatewaySwitch {
    public Enabled {
      if (!InterfaceNames.isValid(nic)) {
        throw new IllegalArgumentException("not a Linux interface name: " + nic);
      }
    }
  }

  /** Disabled: the ConfigMap is missing or says {@code "false"}; {@code why} is for the log. */
  record Disabled(String why) implements GatewaySwitch {
    public Disabled {
      Objects.requireNonNull(why, "why");
    }
  }

  /** The ConfigMap is invalid: the agent holds its last state (spec 2.1) and reports. */
  record Invalid(List<String> errors) implements GatewaySwitch {
    public Invalid {
      errors = List.copyOf(errors);
      if (errors.isEmpty()) {
        throw new IllegalArgumentException("Invalid needs at least one error");
      }
    }
  }

  /**
   * Parses the ConfigMap's data; {@code data == null} means the ConfigMap does not exist. Missing
   * {@code enable-external-gw} counts as disabled, like a missing ConfigMap.
   */
  static GatewaySwitch parse(Map<String, String> data) {
    if (data == null) {
      return new Disabled("ConfigMap absent");
    }
    String enable = data.get(ENABLE_KEY);
    if (enable == null) {
      return new Disabled(ENABLE_KEY + " not set");
    }
    enable = enable.trim();
    if (enable.equals("false")) {
      return new Disabled(ENABLE_KEY + "=false");
    }
    List<String> errors = new ArrayList<>();
    if (!enable.equals("true")) {
      errors.add(ENABLE_KEY + ": expected \"true\" or \"false\", got \"" + enable + "\"");
    }
    String nic = data.get(NIC_KEY);
    String trimmed = nic == null ? "" : nic.trim();
    if (trimmed.isEmpty()) {
      errors.add(NIC_KEY + ": required when the gateway is enabled");
    } else if (!InterfaceNames.isValid(trimmed)) {
      errors.add(NIC_KEY + ": not a valid Linux interface name: \"" + trimmed + "\"");
    }
    return errors.isEmpty() ? new Enabled(trimmed) : new Invalid(errors);
  }
}

package io.ovneip.model.ovs;

import io.ovneip.model.input.FieldError;
import io.ovneip.model.input.GatewayConfigParser;
import io.ovneip.model.input.Validated;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The part of ConfigMap {@code ovn-external-gw-config} the agent needs (spec section 2.1): whether
 * the gateway is enabled, and which NIC to bridge, by the rules of {@link GatewayConfigParser} (the
 * controller's). The controller validates the rest.
 */
public sealed interface GatewaySwitch {
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
   * Parses the ConfigMap's data; {@code data == null} means the ConfigMap does not exist. A missing
   * or empty {@code enable-external-gw} counts as disabled, like a missing ConfigMap. When the
   * switch is invalid the NIC is checked too, so that one Event names each bad key.
   */
  static GatewaySwitch parse(Map<String, String> data) {
    if (data == null) {
      return new Disabled("ConfigMap absent");
    }
    Validated<Boolean> enabled = GatewayConfigParser.enabled(data);
    if (enabled.isValid() && !enabled.orElseThrow()) {
      String enable = data.get(GatewayConfigParser.ENABLE);
      return new Disabled(
          enable == null
              ? GatewayConfigParser.ENABLE + " not set"
              : GatewayConfigParser.ENABLE + "=" + enable);
    }
    List<String> errors = new ArrayList<>();
    Validated<String> nic = GatewayConfigParser.nic(data);
    enabled.errors().stream().map(FieldError::toString).forEach(errors::add);
    nic.errors().stream().map(FieldError::toString).forEach(errors::add);
    return errors.isEmpty() ? new Enabled(nic.orElseThrow()) : new Invalid(errors);
  }
}

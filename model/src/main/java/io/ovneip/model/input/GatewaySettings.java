package io.ovneip.model.input;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The flags of docs/behaviour.md §2.2 that shape the Northbound topology, and the row names derived
 * from them (docs/behaviour.md §3: {@code <ls>} is the switch, {@code <lr>} the cluster router).
 */
public record GatewaySettings(
    String configNamespace, String externalNet, int vlanId, String switchName, String routerName) {

  public static final String DEFAULT_CONFIG_NAMESPACE = "kube-system";
  public static final String DEFAULT_EXTERNAL_NET = "external";
  public static final String DEFAULT_SWITCH = "external";
  public static final String DEFAULT_ROUTER = "ovn-cluster";

  public GatewaySettings {
    Objects.requireNonNull(configNamespace, "configNamespace");
    Objects.requireNonNull(externalNet, "externalNet");
    Objects.requireNonNull(switchName, "switchName");
    Objects.requireNonNull(routerName, "routerName");
  }

  public static GatewaySettings defaults() {
    return new GatewaySettings(
        DEFAULT_CONFIG_NAMESPACE, DEFAULT_EXTERNAL_NET, 0, DEFAULT_SWITCH, DEFAULT_ROUTER);
  }

  /** Validates flag values; each error names its flag. */
  public static Validated<GatewaySettings> of(
      String configNamespace,
      String externalNet,
      int vlanId,
      String switchName,
      String routerName) {
    List<FieldError> errors = new ArrayList<>();
    requireNonBlank(errors, "--external-gateway-config-ns", configNamespace);
    requireNonBlank(errors, "--external-gateway-net", externalNet);
    requireNonBlank(errors, "--external-gateway-switch", switchName);
    requireNonBlank(errors, "--cluster-router", routerName);
    // 0 = untagged; 4095 is reserved by 802.1Q although the NB schema's tag allows it.
    if (vlanId < 0 || vlanId > 4094) {
      errors.add(new FieldError("--external-gateway-vlanid", "must be 0..4094, got " + vlanId));
    }
    if (!errors.isEmpty()) {
      return Validated.invalid(errors);
    }
    return Validated.valid(
        new GatewaySettings(configNamespace, externalNet, vlanId, switchName, routerName));
  }

  private static void requireNonBlank(List<FieldError> errors, String flag, String value) {
    if (value == null || value.isBlank() || !value.equals(value.strip())) {
      errors.add(new FieldError(flag, "must be a non-empty name without surrounding spaces"));
    }
  }

  /** {@code localnet.<ls>}: the switch's localnet port. */
  public String localnetPortName() {
    return "localnet." + switchName;
  }

  /** {@code <ls>-<lr>}: the switch's port of type router ({@code external-ovn-cluster}). */
  public String switchRouterPortName() {
    return switchName + "-" + routerName;
  }

  /** {@code <lr>-<ls>}: the router's gateway port ({@code ovn-cluster-external}). */
  public String routerPortName() {
    return routerName + "-" + switchName;
  }

  /** {@code <lr>-<ls>-<chassis>}: the Gateway_Chassis row binding the port to a chassis. */
  public String gatewayChassisName(String chassis) {
    return routerPortName() + "-" + chassis;
  }

  /** The localnet {@code tag} when 1..4094; 0 means untagged. */
  public boolean tagged() {
    return vlanId > 0;
  }
}

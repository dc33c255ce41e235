package io.ovneip.model.input;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The flags of docs/behaviour.md §2.2 that shape the Northbound topology, and the row names derived
 * from them (docs/behaviour.md §3: {@code <ls>} is the switch, {@code <lr>} the cluster router).
 */
public record GatewaySettings(
    String configNamespace,
    String externalNet,
    int vlanId,
    String switchName,
    String routerName,
    long reroutePriority) {

  public static final String DEFAULT_CONFIG_NAMESPACE = "kube-system";
  public static final String DEFAULT_EXTERNAL_NET = "external";
  public static final String DEFAULT_SWITCH = "external";
  public static final String DEFAULT_ROUTER = "ovn-cluster";

  /** The default reroute priority ({@code --reroute-priority}, docs/behaviour.md §3). */
  public static final long DEFAULT_REROUTE_PRIORITY = 29260;

  /** With the default reroute priority. */
  public GatewaySettings(
      String configNamespace,
      String externalNet,
      int vlanId,
      String switchName,
      String routerName) {
    this(configNamespace, externalNet, vlanId, switchName, routerName, DEFAULT_REROUTE_PRIORITY);
  }

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
    return of(
        configNamespace, externalNet, vlanId, switchName, routerName, DEFAULT_REROUTE_PRIORITY);
  }

  /** Validates flag values; each error names its flag. */
  public static Validated<GatewaySettings> of(
      String configNamespace,
      String externalNet,
      int vlanId,
      String switchName,
      String routerName,
      long reroutePriority) {
    List<FieldError> errors = new ArrayList<>();
    requireNonBlank(errors, "--external-gateway-config-ns", configNamespace);
    requireNonBlank(errors, "--external-gateway-net", externalNet);
    requireNonBlank(errors, "--external-gateway-switch", switchName);
    requireNonBlank(errors, "--cluster-router", routerName);
    // 0 = untagged; 4095 is reserved by 802.1Q although the NB schema's tag allows it.
    if (vlanId < 0 || vlanId > 4094) {
      errors.add(new FieldError("--external-gateway-vlanid", "must be 0..4094, got " + vlanId));
    }
    // Kube-OVN's garbage collection deletes every 29250 policy; 29251-29399 keeps its ordering
    // (docs/behaviour.md §8). Other values are the operator's choice, but 29250 is
    // not.
    if (reroutePriority < 0 || reroutePriority > 32767) {
      errors.add(new FieldError("--reroute-priority", "must be 0..32767, got " + reroutePriority));
    } else if (reroutePriority == 29250) {
      errors.add(
          new FieldError(
              "--reroute-priority",
              "29250 is swept by kube-ovn-controller at every leader start; use 29251..29399"));
    }
    if (!errors.isEmpty()) {
      return Validated.invalid(errors);
    }
    return Validated.valid(
        new GatewaySettings(
            configNamespace, externalNet, vlanId, switchName, routerName, reroutePriority));
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

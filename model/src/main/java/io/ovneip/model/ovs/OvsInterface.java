package io.ovneip.model.ovs;

import java.util.Map;
import java.util.Objects;

/**
 * A desired {@code Interface} row (vswitch.ovsschema). {@code type} is the schema's column: {@code
 * ""} for a system device such as the NIC, {@code "internal"} for the bridge's own device.
 */
public record OvsInterface(String name, String type, Map<String, String> externalIds) {
  public static final String SYSTEM = "";
  public static final String INTERNAL = "internal";

  public OvsInterface {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    externalIds = Map.copyOf(externalIds);
  }

  public static OvsInterface owned(String name, String type) {
    return new OvsInterface(name, type, OvsOwnership.marks());
  }
}

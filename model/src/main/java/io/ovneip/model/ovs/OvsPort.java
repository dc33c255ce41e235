package io.ovneip.model.ovs;

import java.util.Map;
import java.util.Objects;

/**
 * A desired {@code Port} row with its single {@code Interface}. The schema allows several
 * interfaces (bonds); the agent only ever makes one-interface ports, named like the interface, as
 * {@code ovs-vsctl add-port} does.
 */
public record OvsPort(String name, OvsInterface iface, Map<String, String> externalIds) {
  public OvsPort {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(iface, "iface");
    externalIds = Map.copyOf(externalIds);
  }

  public static OvsPort owned(String name, String type) {
    return new OvsPort(name, OvsInterface.owned(name, type), OvsOwnership.marks());
  }
}

package io.ovneip.model.ovs;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The desired gateway bridge: its internal port (the bridge's own device, like {@code ovs-vsctl
 * add-br} makes) and, separately, the NIC port, which the diff adds only when the NIC exists on the
 * host (see {@link OvsDiff}).
 *
 * @param datapathType {@code Bridge.datapath_type}; empty leaves the column as OVS has it
 */
public record OvsBridge(
    String name,
    Optional<String> datapathType,
    OvsPort internalPort,
    OvsPort nicPort,
    Map<String, String> externalIds) {
  public OvsBridge {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(datapathType, "datapathType");
    Objects.requireNonNull(internalPort, "internalPort");
    Objects.requireNonNull(nicPort, "nicPort");
    externalIds = Map.copyOf(externalIds);
    if (internalPort.name().equals(nicPort.name())) {
      throw new IllegalArgumentException("the NIC cannot be named like its bridge: " + name);
    }
  }

  /** The bridge {@code name} with internal port {@code name} and the NIC as a system port. */
  public static OvsBridge owned(String name, Optional<String> datapathType, String nic) {
    return new OvsBridge(
        name,
        datapathType,
        OvsPort.owned(name, OvsInterface.INTERNAL),
        OvsPort.owned(nic, OvsInterface.SYSTEM),
        OvsOwnership.marks());
  }
}

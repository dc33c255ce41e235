package io.ovneip.model.ovs;

import java.util.Objects;

/**
 * Something the agent must tell the operator about a decision: a refusal (nothing written), a
 * warning (written what could be, will retry), or a note for the log only.
 */
public record Finding(Kind kind, String message) {
  public Finding {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }

  /** How bad it is. */
  public enum Severity {
    REFUSAL,
    WARNING,
    NOTE
  }

  /** What happened; {@link #reason()} is the Kubernetes Event reason. */
  public enum Kind {
    /** The NIC is a port of a bridge the agent does not own (the reference deletes it). */
    NIC_IN_OTHER_BRIDGE("NicInOtherBridge", Severity.REFUSAL),
    /** {@code br-<net>} exists but was not created by the agent. */
    BRIDGE_NOT_OWNED("BridgeNotOwned", Severity.REFUSAL),
    /** The bridge's internal port name is used by another bridge. */
    PORT_NAME_TAKEN("PortNameTaken", Severity.REFUSAL),
    /**
     * The NIC carries the node's own traffic (default route, InternalIP, a global address):
     * bridging it would cut the node off.
     */
    NIC_UNSAFE("NicCarriesNodeTraffic", Severity.REFUSAL),
    /** The bridge-mapping key is mapped to another bridge by someone else. */
    MAPPING_TAKEN("BridgeMappingTaken", Severity.REFUSAL),
    /** Our bridge holds ports someone else added: kept (with them), only our ports removed. */
    FOREIGN_PORTS_KEPT("ForeignPortsKept", Severity.WARNING),
    /** The gateway label went away a moment ago: removal waits out the debounce interval. */
    REMOVAL_DEFERRED("GatewayRemovalDeferred", Severity.NOTE),
    /** The NIC does not exist on the host: not added yet, retried. */
    NIC_ABSENT("NicNotFound", Severity.WARNING),
    /** The input cannot be trusted (invalid ConfigMap, unknown Node): state held. */
    INPUT_HELD("GatewayConfigHeld", Severity.WARNING),
    /** The Open_vSwitch table has no row yet ({@code ovs-vsctl init} not run). */
    NO_ROOT_ROW("OvsNotInitialized", Severity.WARNING),
    /** A bridge of our name that is not ours is left in place on removal. */
    FOREIGN_BRIDGE_KEPT("ForeignBridgeKept", Severity.NOTE);

    private final String reason;
    private final Severity severity;

    Kind(String reason, Severity severity) {
      this.reason = reason;
      this.severity = severity;
    }

    public String reason() {
      return reason;
    }

    public Severity severity() {
      return severity;
    }
  }

  public Severity severity() {
    return kind.severity();
  }
}

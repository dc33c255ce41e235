package io.ovneip.model.input;

/** Annotation and label keys of docs/behaviour.md §2.3 and §2.4 (constants, not state). */
public final class Annotations {
  private Annotations() {}

  /** User: SNAT address, one address or a {@code v4,v6} pair. */
  public static final String SNAT = "ovn.kubernetes.io/snat";

  /** User: EIP address, one address or a {@code v4,v6} pair. */
  public static final String EIP = "ovn.kubernetes.io/eip";

  /** This system: {@code "true"} once the pod's rows are committed (docs/behaviour.md §5). */
  public static final String ROUTED = "ovn.kubernetes.io/routed";

  /** CNI: pod IP(s), comma-joined for dual stack. */
  public static final String IP_ADDRESS = "ovn.kubernetes.io/ip_address";

  /** CNI: pod MAC. */
  public static final String MAC_ADDRESS = "ovn.kubernetes.io/mac_address";

  /** CNI: {@code "true"} once the address is allocated. */
  public static final String ALLOCATED = "ovn.kubernetes.io/allocated";

  /** Node: the OVS system-id, i.e. the SB chassis name. */
  public static final String CHASSIS = "ovn.kubernetes.io/chassis";

  /** Node label set by the controller, read by the agent. */
  public static final String EXTERNAL_GW_LABEL = "ovn.kubernetes.io/external-gw";

  /** Pod condition type usable as a readiness gate (docs/behaviour.md §5). */
  public static final String READY_CONDITION = "ovn.kubernetes.io/eip-snat-ready";
}

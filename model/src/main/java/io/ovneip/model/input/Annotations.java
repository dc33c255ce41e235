package io.ovneip.model.input;

/** Annotation and label keys of docs/behaviour.md §2.3 and §2.4 (constants, not state). */
public final class Annotations {
  private Annotations() {}

  /** User: SNAT address, one address or a {@code v4,v6} pair. */
  public static final String SNAT = "ovn.kubernetes.io/snat";

  /** User: EIP address, one address or a {@code v4,v6} pair. */
  public static final String EIP = "ovn.kubernetes.io/eip";

  /**
   * Kube-OVN's: {@code "true"} once Kube-OVN's route step for the pod is done. This system writes
   * it only when Kube-OVN is absent, and then only sets it (docs/behaviour.md §5).
   */
  public static final String ROUTED = "ovn.kubernetes.io/routed";

  /**
   * This system: what is in effect for the pod, e.g. {@code "eip=172.56.0.221"} or {@code
   * "eip=172.56.0.221 snat=172.56.0.200"}; absent when nothing is (docs/behaviour.md §5).
   */
  public static final String APPLIED = "ovn-eip.io/applied";

  /** CNI: pod IP(s), comma-joined for dual stack. */
  public static final String IP_ADDRESS = "ovn.kubernetes.io/ip_address";

  /** CNI: pod MAC. */
  public static final String MAC_ADDRESS = "ovn.kubernetes.io/mac_address";

  /** CNI: {@code "true"} once the address is allocated. */
  public static final String ALLOCATED = "ovn.kubernetes.io/allocated";

  /** Node: the OVS system-id, i.e. the SB chassis name. */
  public static final String CHASSIS = "ovn.kubernetes.io/chassis";

  /** Node label set by the controller, read by the agent (docs/behaviour.md §2.4). */
  public static final String GATEWAY_LABEL = "ovn-eip.io/gateway";

  /**
   * The node label earlier versions wrote. kube-ovn-cni turns a node carrying it {@code true} into
   * a gateway itself (docs/behaviour.md §8), so the controller removes it once at start and never
   * writes it.
   */
  public static final String LEGACY_EXTERNAL_GW_LABEL = "ovn.kubernetes.io/external-gw";

  /** Pod condition type usable as a readiness gate (docs/behaviour.md §5). */
  public static final String READY_CONDITION = "ovn-eip.io/ready";

  /**
   * ovn-eip's second pod condition: the chassis serving the pod has installed the flows of its
   * latest committed rows (docs/behaviour.md §5.5).
   */
  public static final String REALIZED_CONDITION = "ovn-eip.io/realized";

  /**
   * Kube-OVN: the pod's traffic leaves through a gateway of its own; such a pod must not also get
   * an EIP or SNAT (docs/behaviour.md §8).
   */
  public static final String NORTH_GATEWAY = "ovn.kubernetes.io/north_gateway";
}

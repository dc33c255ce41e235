package io.ovneip.model.input;

/** The ConfigMap's {@code type}: docs/behaviour.md §2.1. */
public enum GatewayType {
  /** NAT on the active gateway chassis of the configured node list. */
  CENTRALIZED,
  /** Every node with a chassis is a gateway; EIP NAT happens on the pod's own chassis. */
  DISTRIBUTED
}

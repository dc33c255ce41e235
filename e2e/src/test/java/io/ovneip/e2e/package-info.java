/**
 * Layer: end-to-end tests. The controller and the agent against real OVN databases, {@code
 * ovn-northd}, {@code ovs-vswitchd} and {@code ovn-controller}, with pods and the outside host as
 * network namespaces: every assertion about SNAT and EIP is about packets seen on the wire.
 *
 * <p>One {@link io.ovneip.e2e.E2eStack} per test class (start-ups are the expensive part); each
 * test makes its own pods with its own addresses and removes them, so tests do not depend on order.
 */
package io.ovneip.e2e;

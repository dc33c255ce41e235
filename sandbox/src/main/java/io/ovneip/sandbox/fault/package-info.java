/**
 * Faults the sandbox injects on demand ({@code ovn-eip sandbox fault}): each fault is a class of
 * its own, registered in {@link io.ovneip.sandbox.fault.Faults}. Sandbox layer: it plays other
 * programs (Kube-OVN's controller and CNI) against the sandbox's databases with the stock tools.
 */
package io.ovneip.sandbox.fault;

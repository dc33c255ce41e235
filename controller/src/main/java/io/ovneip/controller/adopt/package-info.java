/**
 * {@code ovn-eip adopt}: reads NB and Kubernetes once, lists the rows Kube-OVN's own EIP/SNAT left
 * that this system would write, and with {@code --apply} makes them ours in one transaction.
 */
package io.ovneip.controller.adopt;

/**
 * Layer: sandbox. A stand-in for the OVN CNI (Kube-OVN) that the real system runs beside: it writes
 * what Kube-OVN would write and nothing else. The base topology of the default VPC (router {@code
 * ovn-cluster}, switch {@code ovn-default} with its router port, the priority-31000 "destination
 * inside the cluster: allow" policy), nodes with a Southbound chassis and the {@code
 * ovn.kubernetes.io/chassis} annotation, and per pod an IP, a MAC, a logical switch port {@code
 * <pod>.<namespace>} and the CNI's annotations (docs/behaviour.md §2.3), released again when the
 * pod goes.
 *
 * <p>The controller and agent under test only read these objects; keeping their writer outside the
 * product code is what lets the sandbox show the product working without a real cluster.
 */
package io.ovneip.sandbox.cni;

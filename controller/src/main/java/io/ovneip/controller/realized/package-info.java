/**
 * Layer: controller edge. Shows whether committed rows are in the flows of the chassis that serve
 * them ({@code ovn-eip.io/realized}, docs/behaviour.md §5.5) and demotes a gateway chassis whose
 * ovn-controller stopped catching up (§5.6); the decisions are the model's ({@code
 * io.ovneip.model.realized}), this package reads the Southbound and writes to Kubernetes.
 */
package io.ovneip.controller.realized;

/**
 * Layer: controller, status publishing. After a batch commits, shows its verdicts where users look:
 * each pod's {@code routed} annotation and condition ({@link
 * io.ovneip.controller.publish.PodStatusPublisher}, on a queue of its own so slow API writes never
 * hold up a reconcile), the gateway's Events and node labels ({@link
 * io.ovneip.controller.publish.GatewayStatusPublisher}). It writes through the Kubernetes edge
 * ({@code kube}) and decides nothing the model has not decided.
 */
package io.ovneip.controller.publish;

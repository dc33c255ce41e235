/**
 * Layer: controller, read only. {@code ovn-eip status}: what the system did and why, computed from
 * Kubernetes and the databases themselves (not from the controller's memory), so it also tells the
 * truth when the controller is down.
 */
package io.ovneip.controller.status;

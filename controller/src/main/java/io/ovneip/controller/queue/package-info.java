/**
 * Layer: controller runtime. What a key of the controller's work queue means ({@link
 * io.ovneip.controller.queue.QueueKey}: pod, gateway, resync, NB owner; one parser, one printer).
 * The queue itself, shared with the agent and the sandbox, is {@link io.ovneip.runtime.WorkQueue}.
 */
package io.ovneip.controller.queue;

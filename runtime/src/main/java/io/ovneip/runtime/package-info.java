/**
 * Layer: runtime (shared by the controller, the agent and the sandbox). The level-triggered work
 * queue ({@link io.ovneip.runtime.WorkQueue}): callbacks only add keys, one worker takes every
 * ready key as a batch, a failed key backs off alone ({@link io.ovneip.runtime.Backoff}), and a key
 * may be added again after a delay. And the one thread factory ({@link io.ovneip.runtime.Threads}).
 * No Kubernetes, no OVSDB, no OVN knowledge.
 */
package io.ovneip.runtime;

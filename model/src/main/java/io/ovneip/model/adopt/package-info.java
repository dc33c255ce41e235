/**
 * Adoption (docs/behaviour.md §8): which rows left by Kube-OVN's own EIP/SNAT (no owner key) are
 * exactly what this system would write, so that they become ours instead of being deleted and
 * written again. Pure: same input, same output.
 */
package io.ovneip.model.adopt;

/**
 * Layer: model/desired (pure). Computes the desired Northbound rows from (flags, ConfigMap, nodes,
 * pods), with the outcome for the gateway and for every pod, so the controller can report Events
 * and set {@code routed} (docs/behaviour.md §3, §4 and §5). Same input, same output: no clock, no
 * order dependence (conflict winners are decided by creation time, then namespace/name).
 */
package io.ovneip.model.desired;

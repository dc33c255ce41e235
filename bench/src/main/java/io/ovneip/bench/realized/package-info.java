/**
 * Layer: bench. Annotation-to-realized latency (docs/behaviour.md §5.5) with a real ovn-northd and
 * a real ovn-controller on a dummy datapath (no kernel devices, no network namespaces).
 */
package io.ovneip.bench.realized;

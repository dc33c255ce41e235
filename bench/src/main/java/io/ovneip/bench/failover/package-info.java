/**
 * Layer: benchmark. Gateway failover measured on the multi-chassis dataplane ({@code scripts/bench
 * --failover}): the loss window of each case, several repetitions, written as Markdown and JSON.
 */
package io.ovneip.bench.failover;

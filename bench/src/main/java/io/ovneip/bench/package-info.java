/**
 * Layer: bench. Benchmarks run as main classes by {@code scripts/bench}, one package per thing
 * measured: {@code client} (the OVSDB client, issue 2), {@code controller} (the controller at N
 * pods, issue 7), {@code api} (the embedded Kubernetes API's write throughput), {@code observed}
 * (the cost of the owner-indexed Northbound view). This package holds what they share: the workload
 * ({@link io.ovneip.bench.BenchPod}, {@link io.ovneip.bench.Addresses}), the rows as the controller
 * writes them ({@link io.ovneip.bench.RowOps}), the baselines' writers ({@link
 * io.ovneip.bench.RawOvsdb}, {@link io.ovneip.bench.Nbctl}), databases and the API to run against,
 * and the measuring helpers. Every figure is reported as a ratio against a baseline measured in the
 * same run.
 */
package io.ovneip.bench;

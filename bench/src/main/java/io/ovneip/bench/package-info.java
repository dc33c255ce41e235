/**
 * Benchmarks (issues 2 and 7), run as main classes by {@code scripts/bench}: the OVSDB client and
 * the controller against the database's own limit (a raw-JSON client) and {@code ovn-nbctl}, with
 * every figure reported as a ratio against a baseline measured in the same run.
 */
package io.ovneip.bench;

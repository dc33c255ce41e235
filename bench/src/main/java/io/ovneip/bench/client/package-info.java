/**
 * Layer: bench. The OVSDB client benchmark (issue 2): our client's transactions against the
 * database's own limit (one raw transaction with every row) and {@code ovn-nbctl}, per transport
 * and transaction size.
 */
package io.ovneip.bench.client;

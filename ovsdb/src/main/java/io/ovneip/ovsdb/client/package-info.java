/**
 * Layer: ovsdb/client. An RFC 7047 JSON-RPC client for ovsdb-server: connections over TCP, TLS or a
 * Unix socket ({@link io.ovneip.ovsdb.client.Remote}), reconnection, leader-only clustered servers,
 * {@code transact} and monitors ({@link io.ovneip.ovsdb.client.OvsdbClient}). Every call has a
 * timeout; failures are typed ({@link io.ovneip.ovsdb.client.OvsdbException} and its subclasses).
 */
package io.ovneip.ovsdb.client;

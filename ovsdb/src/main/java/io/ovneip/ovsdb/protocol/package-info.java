/**
 * Layer: ovsdb/protocol. The values, operations, conditions and mutations of RFC 7047 as plain
 * immutable Java types. No I/O, no Kubernetes, no OVN knowledge; the pure model encodes its plans
 * into these types.
 *
 * <p>Java representation of OVSDB atoms (RFC 7047 section 5.1): {@code integer} is {@link
 * java.lang.Long}, {@code real} is {@link java.lang.Double}, {@code boolean} is {@link
 * java.lang.Boolean}, {@code string} is {@link java.lang.String}, {@code uuid} is {@link Uuid} (or
 * {@link NamedUuid} inside a transaction). A set column's value is an {@link OvsdbSet}, a map
 * column's value an {@link OvsdbMap}; a column of kind "at most one" is an {@link OvsdbSet} of zero
 * or one element.
 */
package io.ovneip.ovsdb.protocol;

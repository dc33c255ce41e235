/**
 * Layer: ovsdb/protocol. The RFC 7047 JSON codec: protocol values, rows, operations and results to
 * and from Jackson trees, and the {@code get_schema} parser. Values are decoded against the schema
 * (section 5.1 leaves a one-element set indistinguishable from its atom on the wire). No I/O.
 */
package io.ovneip.ovsdb.protocol.codec;

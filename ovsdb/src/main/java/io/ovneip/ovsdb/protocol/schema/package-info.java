/**
 * Layer: ovsdb/protocol. The database schema model of RFC 7047 section 3.2 ({@code
 * <database-schema>}, {@code <table-schema>}, {@code <column-schema>}, {@code <type>}, {@code
 * <base-type>}) as immutable records, as returned by {@code get_schema}. Pure: no JSON library, no
 * I/O. The codec uses it to decode values to the Java representation of the protocol package.
 */
package io.ovneip.ovsdb.protocol.schema;

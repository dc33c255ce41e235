/**
 * Layer: ovsdb/cache. In-memory replicas of chosen tables and columns, fed by {@code
 * monitor_cond_since} / {@code monitor_cond} ({@code update2}/{@code update3}, the extensions to
 * RFC 7047 section 4.1.5 documented in ovsdb-server(7)), published as immutable {@link
 * io.ovneip.ovsdb.cache.Snapshot}s: a listener or reader never sees a half-applied update.
 */
package io.ovneip.ovsdb.cache;

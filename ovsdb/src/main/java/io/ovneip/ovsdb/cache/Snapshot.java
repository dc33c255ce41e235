package io.ovneip.ovsdb.cache;

import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable view of a replica at one point: per table, the rows by UUID. Every row carries its
 * {@code _uuid}; columns follow the protocol package's Java representation, decoded with the
 * schema. Safe to keep and share across threads.
 */
public final class Snapshot {
  private static final Snapshot EMPTY = new Snapshot(Map.of(), null);

  private final Map<String, Map<Uuid, Row>> tables;
  private final String lastTxnId;

  /** {@code tables} and its maps must not be changed afterwards (the replica never does). */
  Snapshot(Map<String, Map<Uuid, Row>> tables, String lastTxnId) {
    this.tables = Collections.unmodifiableMap(tables);
    this.lastTxnId = lastTxnId;
  }

  public static Snapshot empty() {
    return EMPTY;
  }

  /** The rows of {@code table} (empty when none, or when the table is not monitored). */
  public Map<Uuid, Row> table(String table) {
    return tables.getOrDefault(table, Map.of());
  }

  public Optional<Row> row(String table, Uuid uuid) {
    return Optional.ofNullable(table(table).get(uuid));
  }

  public Set<String> tableNames() {
    return tables.keySet();
  }

  /** The server's transaction id this snapshot reflects (clustered databases), if known. */
  public Optional<String> lastTxnId() {
    return Optional.ofNullable(lastTxnId);
  }

  Map<String, Map<Uuid, Row>> tables() {
    return tables;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Snapshot[");
    tables.forEach((t, rows) -> sb.append(t).append('=').append(rows.size()).append(' '));
    return sb.append(']').toString();
  }
}

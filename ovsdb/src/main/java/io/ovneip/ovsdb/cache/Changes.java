package io.ovneip.ovsdb.cache;

import io.ovneip.ovsdb.protocol.Uuid;
import java.util.Map;
import java.util.Set;

/** Which rows one update touched, per table. Tables left untouched are absent. */
public record Changes(Map<String, TableChanges> tables) {
  public Changes {
    tables = Map.copyOf(tables);
  }

  /** Row UUIDs inserted, modified and deleted in one table. */
  public record TableChanges(Set<Uuid> inserted, Set<Uuid> modified, Set<Uuid> deleted) {
    public TableChanges {
      inserted = Set.copyOf(inserted);
      modified = Set.copyOf(modified);
      deleted = Set.copyOf(deleted);
    }

    public boolean isEmpty() {
      return inserted.isEmpty() && modified.isEmpty() && deleted.isEmpty();
    }
  }

  public boolean isEmpty() {
    return tables.values().stream().allMatch(TableChanges::isEmpty);
  }

  public TableChanges table(String table) {
    return tables.getOrDefault(table, new TableChanges(Set.of(), Set.of(), Set.of()));
  }
}

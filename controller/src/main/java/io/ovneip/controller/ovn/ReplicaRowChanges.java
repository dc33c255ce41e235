package io.ovneip.controller.ovn;

import io.ovneip.model.observed.RowChange;
import io.ovneip.ovsdb.cache.Changes;
import io.ovneip.ovsdb.cache.Snapshot;
import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The rows that differ between two snapshots of a replica, as the model's {@link RowChange}s. */
final class ReplicaRowChanges {
  private ReplicaRowChanges() {}

  /** From a replica update: only the rows {@code changes} names are looked at. */
  static List<RowChange> of(
      Snapshot before, Snapshot after, Changes changes, Collection<String> tables) {
    List<RowChange> out = new ArrayList<>();
    for (String table : tables) {
      Changes.TableChanges c = changes.table(table);
      Set<Uuid> uuids = new HashSet<>(c.inserted());
      uuids.addAll(c.modified());
      uuids.addAll(c.deleted());
      add(out, table, uuids, before.table(table), after.table(table));
    }
    return out;
  }

  /** Between any two snapshots: every row is compared (once, to catch up with a replica). */
  static List<RowChange> between(Snapshot before, Snapshot after, Collection<String> tables) {
    List<RowChange> out = new ArrayList<>();
    for (String table : tables) {
      Set<Uuid> uuids = new HashSet<>(before.table(table).keySet());
      uuids.addAll(after.table(table).keySet());
      add(out, table, uuids, before.table(table), after.table(table));
    }
    return out;
  }

  private static void add(
      List<RowChange> out,
      String table,
      Set<Uuid> uuids,
      Map<Uuid, Row> before,
      Map<Uuid, Row> after) {
    for (Uuid u : uuids) {
      Row was = before.get(u);
      Row is = after.get(u);
      if (was != is) {
        out.add(new RowChange(table, u, Optional.ofNullable(was), Optional.ofNullable(is)));
      }
    }
  }
}

package io.ovneip.model.observed;

import io.ovneip.model.nb.Columns;
import io.ovneip.model.nb.ExternalIds;
import io.ovneip.model.nb.NbTable;
import io.ovneip.model.nb.OwnerKey;
import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link ObservedNb} kept up to date from each replica update instead of rebuilt from the whole
 * database: an update costs the rows it changed (plus, for a referring row, its changed reference
 * columns), and {@link #view()} publishes the result as an immutable {@link ObservedNbView}.
 *
 * <p>Not thread-safe: one writer applies the updates in the order the replica made them, each
 * exactly once, starting from an empty database; readers use the views it publishes.
 */
public final class ObservedNbIndex {
  private final ReferenceIndex references = new ReferenceIndex();
  private final Map<Uuid, ObservedRow> ownedRows = new HashMap<>();
  private final Map<Uuid, String> routerNames = new HashMap<>();
  private final int[] ownedCounts = new int[NbTable.values().length];
  private ObservedNbView view = ObservedNbView.empty();

  /** The current version. */
  public ObservedNbView view() {
    return view;
  }

  /**
   * Applies one replica update, given as the rows it changed (each at most once; rows of tables
   * that do not matter are ignored). Returns the owners whose rows were added, changed, moved or
   * removed, including by a change of their referrers.
   */
  public Set<OwnerKey> apply(Collection<RowChange> changes) {
    Map<Uuid, RowChange> ownedTableChanges = new HashMap<>();
    Set<Uuid> touched = new LinkedHashSet<>();
    Map<NbTable, Map<String, Integer>> foreignDeltas = new EnumMap<>(NbTable.class);
    boolean routersRenamed = false;
    for (RowChange c : changes) {
      touched.addAll(references.apply(c));
      Optional<NbTable> table = NbTable.byName(c.table());
      if (table.isPresent()) {
        ownedTableChanges.put(c.uuid(), c);
        touched.add(c.uuid());
        countForeignNames(table.get(), c, foreignDeltas);
      } else if (c.table().equals(NbTable.LOGICAL_ROUTER)) {
        routersRenamed |= renameRouter(c);
      }
    }
    OwnerEdits edits = new OwnerEdits(view.owned());
    for (Uuid uuid : touched) {
      reindex(uuid, ownedTableChanges.get(uuid), edits);
    }
    view =
        new ObservedNbView(
            edits.applied(),
            routersRenamed ? routersByName() : view.routersByName(),
            foreignNameCounts(foreignDeltas),
            ObservedNbView.counts(ownedCounts));
    return edits.owners();
  }

  /** Re-reads one row that changed or whose referrers changed, moving it between owners. */
  private void reindex(Uuid uuid, RowChange change, OwnerEdits edits) {
    ObservedRow old = ownedRows.remove(uuid);
    Optional<Row> now;
    NbTable table;
    if (change != null) {
      now = change.after();
      table = NbTable.byName(change.table()).orElseThrow();
    } else if (old != null) {
      now = Optional.of(old.row());
      table = old.table();
    } else {
      return; // a row not ours (or of another table) whose referrers changed
    }
    if (old != null) {
      edits.remove(old);
      ownedCounts[old.table().ordinal()]--;
    }
    Optional<OwnerKey> owner = now.flatMap(ExternalIds::ownerOf);
    if (owner.isPresent()) {
      Row row = now.get();
      ObservedRow r =
          new ObservedRow(
              table, uuid, owner.get(), table.naturalKey(row), row, references.of(uuid));
      ownedRows.put(uuid, r);
      edits.put(r);
      ownedCounts[table.ordinal()]++;
    }
  }

  private static void countForeignNames(
      NbTable table, RowChange c, Map<NbTable, Map<String, Integer>> deltas) {
    if (!ObservedNb.hasForeignNames(table)) {
      return;
    }
    foreignName(c.before())
        .ifPresent(
            n -> deltas.computeIfAbsent(table, t -> new HashMap<>()).merge(n, -1, Integer::sum));
    foreignName(c.after())
        .ifPresent(
            n -> deltas.computeIfAbsent(table, t -> new HashMap<>()).merge(n, 1, Integer::sum));
  }

  private static Optional<String> foreignName(Optional<Row> row) {
    return row.filter(r -> ExternalIds.ownerOf(r).isEmpty())
        .flatMap(r -> Columns.string(r, "name"));
  }

  private Map<NbTable, ShardedMap<String, Integer>> foreignNameCounts(
      Map<NbTable, Map<String, Integer>> deltas) {
    if (deltas.isEmpty()) {
      return view.foreignNameCounts();
    }
    Map<NbTable, ShardedMap<String, Integer>> out = new EnumMap<>(NbTable.class);
    out.putAll(view.foreignNameCounts());
    deltas.forEach(
        (table, delta) -> {
          ShardedMap<String, Integer> counts = out.getOrDefault(table, ShardedMap.empty());
          Map<String, Optional<Integer>> edits = new HashMap<>();
          delta.forEach(
              (name, d) -> {
                Integer was = counts.get(name);
                int n = (was == null ? 0 : was) + d;
                edits.put(name, n > 0 ? Optional.of(n) : Optional.empty());
              });
          out.put(table, counts.with(edits));
        });
    return out;
  }

  /** Tracks a router's name; true when the routers by name changed. */
  private boolean renameRouter(RowChange c) {
    Optional<String> name = c.after().flatMap(r -> Columns.string(r, "name"));
    String old =
        name.isPresent() ? routerNames.put(c.uuid(), name.get()) : routerNames.remove(c.uuid());
    return !name.equals(Optional.ofNullable(old));
  }

  /**
   * Rebuilt whole when a router is added, removed or renamed: routers are few, names rarely move.
   */
  private Map<String, List<Uuid>> routersByName() {
    Map<String, List<Uuid>> out = new HashMap<>();
    routerNames.forEach(
        (uuid, name) -> out.computeIfAbsent(name, n -> new ArrayList<>()).add(uuid));
    out.replaceAll((n, list) -> list.stream().sorted(Comparator.comparing(Uuid::value)).toList());
    return out;
  }

  /** The owners whose rows one update changes, each copied once from the current version. */
  private static final class OwnerEdits {
    private final ShardedMap<OwnerKey, List<ObservedRow>> current;
    private final Map<OwnerKey, Map<Uuid, ObservedRow>> rows = new HashMap<>();

    OwnerEdits(ShardedMap<OwnerKey, List<ObservedRow>> current) {
      this.current = current;
    }

    void remove(ObservedRow row) {
      of(row.owner()).remove(row.uuid());
    }

    void put(ObservedRow row) {
      of(row.owner()).put(row.uuid(), row);
    }

    private Map<Uuid, ObservedRow> of(OwnerKey owner) {
      return rows.computeIfAbsent(
          owner,
          o -> {
            Map<Uuid, ObservedRow> m = new HashMap<>();
            Optional.ofNullable(current.get(o)).orElse(List.of()).forEach(r -> m.put(r.uuid(), r));
            return m;
          });
    }

    Set<OwnerKey> owners() {
      return Set.copyOf(rows.keySet());
    }

    ShardedMap<OwnerKey, List<ObservedRow>> applied() {
      Map<OwnerKey, Optional<List<ObservedRow>>> edits = new HashMap<>();
      rows.forEach(
          (owner, byUuid) -> {
            List<ObservedRow> list = new ArrayList<>(byUuid.values());
            list.sort(ObservedRow.ORDER);
            edits.put(owner, list.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(list)));
          });
      return current.with(edits);
    }
  }
}

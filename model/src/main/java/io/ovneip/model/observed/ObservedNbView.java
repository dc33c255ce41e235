package io.ovneip.model.observed;

import io.ovneip.model.nb.NbTable;
import io.ovneip.model.nb.OwnerKey;
import io.ovneip.ovsdb.protocol.Uuid;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One version of an {@link ObservedNbIndex}: immutable, so a reader on another thread sees one
 * replica update whole or not at all. Reading some owners costs their rows; the routers and the
 * foreign names are shared, not copied.
 */
public final class ObservedNbView {
  private static final ObservedNbView EMPTY =
      new ObservedNbView(ShardedMap.empty(), Map.of(), Map.of(), counts(new int[0]));

  private final ShardedMap<OwnerKey, List<ObservedRow>> owned;
  private final Map<String, List<Uuid>> routersByName;
  private final Map<NbTable, ShardedMap<String, Integer>> foreignNameCounts;
  private final Map<NbTable, Set<String>> foreignNames;
  private final Map<String, Integer> ownedCounts;

  /**
   * @param owned each owner's rows, in {@link ObservedRow#ORDER}
   * @param foreignNameCounts per table, how many rows not ours carry each name
   */
  ObservedNbView(
      ShardedMap<OwnerKey, List<ObservedRow>> owned,
      Map<String, List<Uuid>> routersByName,
      Map<NbTable, ShardedMap<String, Integer>> foreignNameCounts,
      Map<String, Integer> ownedCounts) {
    this.owned = owned;
    this.routersByName = Map.copyOf(routersByName);
    this.foreignNameCounts = Map.copyOf(foreignNameCounts);
    Map<NbTable, Set<String>> names = new EnumMap<>(NbTable.class);
    foreignNameCounts.forEach(
        (table, counts) -> {
          if (!counts.isEmpty()) {
            names.put(table, counts.keySet());
          }
        });
    this.foreignNames = Map.copyOf(names);
    this.ownedCounts = Map.copyOf(ownedCounts);
  }

  public static ObservedNbView empty() {
    return EMPTY;
  }

  /** Owned rows by table name, every table of {@link NbTable} present; from per-table counts. */
  static Map<String, Integer> counts(int[] byOrdinal) {
    Map<String, Integer> out = new HashMap<>();
    for (NbTable t : NbTable.values()) {
      out.put(t.tableName(), t.ordinal() < byOrdinal.length ? byOrdinal[t.ordinal()] : 0);
    }
    return out;
  }

  /**
   * The rows of {@code owners} only (an owner without rows is absent), with every router and
   * foreign name: what a diff of those owners needs.
   */
  public ObservedNb observed(Collection<OwnerKey> owners) {
    Map<OwnerKey, List<ObservedRow>> rows = new HashMap<>();
    for (OwnerKey owner : owners) {
      List<ObservedRow> r = owned.get(owner);
      if (r != null) {
        rows.put(owner, r);
      }
    }
    return new ObservedNb(rows, routersByName, foreignNames);
  }

  /** Every owner's rows. */
  public ObservedNb observed() {
    Map<OwnerKey, List<ObservedRow>> rows = new HashMap<>();
    owned.forEach(rows::put);
    return new ObservedNb(rows, routersByName, foreignNames);
  }

  /** Every owner that has rows (an unmodifiable view of this version). */
  public Set<OwnerKey> owners() {
    return owned.keySet();
  }

  /** Owned rows by table name, every table present. */
  public Map<String, Integer> ownedCounts() {
    return ownedCounts;
  }

  ShardedMap<OwnerKey, List<ObservedRow>> owned() {
    return owned;
  }

  Map<String, List<Uuid>> routersByName() {
    return routersByName;
  }

  Map<NbTable, ShardedMap<String, Integer>> foreignNameCounts() {
    return foreignNameCounts;
  }
}

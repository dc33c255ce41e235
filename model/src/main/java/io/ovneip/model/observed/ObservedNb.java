package io.ovneip.model.observed;

import io.ovneip.model.input.GatewayConfig;
import io.ovneip.model.input.RecordedConfig;
import io.ovneip.model.nb.Columns;
import io.ovneip.model.nb.ExternalIds;
import io.ovneip.model.nb.NbRouterPort;
import io.ovneip.model.nb.NbTable;
import io.ovneip.model.nb.NbTopology;
import io.ovneip.model.nb.OwnerKey;
import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Northbound rows that matter to a diff: every owned row (with an {@code ovn-eip-owner}) by
 * owner, the routers' UUIDs by name (we only reference the router), and the names of rows that are
 * not ours in the tables whose names we need (a foreign row in the way is reported, never touched).
 * An owner's rows are in {@link ObservedRow#ORDER}.
 *
 * <p>The controller reads it from an {@link ObservedNbIndex}, kept up to date from each replica
 * update; {@link #from} builds it from whole tables and is what the index is tested against.
 */
public record ObservedNb(
    Map<OwnerKey, List<ObservedRow>> owned,
    Map<String, List<Uuid>> routersByName,
    Map<NbTable, Set<String>> foreignNames,
    Map<Uuid, String> foreignChildren) {

  public ObservedNb {
    Map<OwnerKey, List<ObservedRow>> copy = new TreeMap<>();
    owned.forEach((k, v) -> copy.put(k, inOrder(v)));
    owned = Collections.unmodifiableMap(copy);
    routersByName = Map.copyOf(routersByName);
    foreignNames = Map.copyOf(foreignNames);
    foreignChildren = Map.copyOf(foreignChildren);
  }

  private static List<ObservedRow> inOrder(List<ObservedRow> rows) {
    for (int i = 1; i < rows.size(); i++) {
      if (ObservedRow.ORDER.compare(rows.get(i - 1), rows.get(i)) > 0) {
        List<ObservedRow> sorted = new ArrayList<>(rows);
        sorted.sort(ObservedRow.ORDER);
        return List.copyOf(sorted);
      }
    }
    return List.copyOf(rows);
  }

  public static ObservedNb empty() {
    return new ObservedNb(Map.of(), Map.of(), Map.of(), Map.of());
  }

  /**
   * From a snapshot of tables: table name to rows by UUID, in the representation of the protocol
   * package. Tables may be missing (= empty). Needs the owned tables plus {@code Logical_Router},
   * {@code Logical_Switch} and {@code Logical_Router_Port} whole (to find references).
   */
  public static ObservedNb from(Map<String, Map<Uuid, Row>> tables) {
    Map<Uuid, List<Referrer>> referrers = referrers(tables);
    Map<OwnerKey, List<ObservedRow>> owned = new HashMap<>();
    Map<NbTable, Set<String>> foreign = new EnumMap<>(NbTable.class);
    for (NbTable t : NbTable.values()) {
      tables
          .getOrDefault(t.tableName(), Map.of())
          .forEach(
              (uuid, row) -> {
                Optional<OwnerKey> owner = ExternalIds.ownerOf(row);
                if (owner.isPresent()) {
                  var refs = referrers.getOrDefault(uuid, List.of());
                  owned
                      .computeIfAbsent(owner.get(), o -> new ArrayList<>())
                      .add(new ObservedRow(t, uuid, owner.get(), t.naturalKey(row), row, refs));
                } else if (hasForeignNames(t)) {
                  Columns.string(row, "name")
                      .ifPresent(n -> foreign.computeIfAbsent(t, x -> new HashSet<>()).add(n));
                }
              });
    }
    foreign.replaceAll((t, names) -> Set.copyOf(names));
    return new ObservedNb(owned, routers(tables), foreign, foreignChildren(owned, tables));
  }

  /** Rows not ours that our parents reference, by UUID, with their names (docs/behaviour.md §3). */
  private static Map<Uuid, String> foreignChildren(
      Map<OwnerKey, List<ObservedRow>> owned, Map<String, Map<Uuid, Row>> tables) {
    Map<Uuid, String> out = new HashMap<>();
    for (List<ObservedRow> rows : owned.values()) {
      for (ObservedRow r : rows) {
        Optional<String> column = NbTopology.childColumn(r.table());
        if (column.isEmpty()) {
          continue;
        }
        for (Object child : Columns.set(r.row().columns().get(column.get()))) {
          if (child instanceof Uuid u) {
            for (NbTable t : List.of(NbTable.LOGICAL_SWITCH_PORT, NbTable.GATEWAY_CHASSIS)) {
              Row row = tables.getOrDefault(t.tableName(), Map.of()).get(u);
              if (row != null && ExternalIds.ownerOf(row).isEmpty()) {
                out.put(u, Columns.string(row, "name").orElse(""));
              }
            }
          }
        }
      }
    }
    return out;
  }

  /**
   * Only {@code owners}' rows, and the foreign children of their parents: what {@link
   * ObservedNbView#observed(Collection)} gives for them.
   */
  public ObservedNb restrictedTo(Collection<OwnerKey> owners) {
    Map<OwnerKey, List<ObservedRow>> rows = new HashMap<>();
    Set<Uuid> children = new HashSet<>();
    for (OwnerKey o : owners) {
      List<ObservedRow> list = owned.get(o);
      if (list == null) {
        continue;
      }
      rows.put(o, list);
      for (ObservedRow r : list) {
        NbTopology.childColumn(r.table())
            .ifPresent(
                c ->
                    Columns.set(r.row().columns().get(c)).stream()
                        .filter(Uuid.class::isInstance)
                        .forEach(u -> children.add((Uuid) u)));
      }
    }
    Map<Uuid, String> kept = new HashMap<>(foreignChildren);
    kept.keySet().retainAll(children);
    return new ObservedNb(rows, routersByName, foreignNames, kept);
  }

  /** The name of a row not ours that a parent of ours references ("" when unnamed). */
  public Optional<String> foreignChild(Uuid uuid) {
    return Optional.ofNullable(foreignChildren.get(uuid));
  }

  /** The tables whose foreign rows' names are kept: NAT and policy rows have no name. */
  static boolean hasForeignNames(NbTable t) {
    return t != NbTable.NAT && t != NbTable.LOGICAL_ROUTER_POLICY;
  }

  private static Map<String, List<Uuid>> routers(Map<String, Map<Uuid, Row>> tables) {
    Map<String, List<Uuid>> out = new HashMap<>();
    tables
        .getOrDefault(NbTable.LOGICAL_ROUTER, Map.of())
        .forEach(
            (uuid, row) ->
                Columns.string(row, "name")
                    .ifPresent(n -> out.computeIfAbsent(n, x -> new ArrayList<>()).add(uuid)));
    out.replaceAll((n, list) -> list.stream().sorted(Comparator.comparing(Uuid::value)).toList());
    return out;
  }

  /** Every strong reference, by referenced UUID, from the columns that can hold our rows. */
  private static Map<Uuid, List<Referrer>> referrers(Map<String, Map<Uuid, Row>> tables) {
    Map<Uuid, List<Referrer>> out = new HashMap<>();
    NbTopology.REFERENCE_COLUMNS.forEach(
        (table, columns) ->
            tables
                .getOrDefault(table, Map.of())
                .forEach(
                    (uuid, row) -> {
                      for (String column : columns) {
                        for (Object ref : Columns.set(row.columns().get(column))) {
                          if (ref instanceof Uuid u) {
                            out.computeIfAbsent(u, x -> new ArrayList<>())
                                .add(new Referrer(table, uuid, column));
                          }
                        }
                      }
                    }));
    return out;
  }

  /**
   * The config our gateway rows record they were built from (docs/behaviour.md §2.1): the last good
   * config of a controller or a status read that has none in memory. Empty when there are no
   * gateway rows, or their record is missing or unreadable.
   */
  public Optional<GatewayConfig> recordedConfig() {
    return rows(OwnerKey.GATEWAY).stream()
        .filter(r -> r.table() == NbTable.LOGICAL_ROUTER_PORT)
        .flatMap(r -> NbRouterPort.recorded(r.row()).stream())
        .flatMap(r -> RecordedConfig.decode(r).stream())
        .findFirst();
  }

  /** The owned rows of one owner. */
  public List<ObservedRow> rows(OwnerKey owner) {
    return owned.getOrDefault(owner, List.of());
  }

  public Set<OwnerKey> owners() {
    return owned.keySet();
  }

  /** The UUIDs of the routers of that name, sorted (normally exactly one). */
  public List<Uuid> routers(String name) {
    return routersByName.getOrDefault(name, List.of());
  }

  /** Whether a row not ours already uses this name in that table. */
  public boolean foreignName(NbTable table, String name) {
    return foreignNames.getOrDefault(table, Set.of()).contains(name);
  }
}

package io.ovneip.model.diff;

import io.ovneip.model.input.GatewaySettings;
import io.ovneip.model.nb.Columns;
import io.ovneip.model.nb.NbRow;
import io.ovneip.model.nb.NbState;
import io.ovneip.model.nb.NbTable;
import io.ovneip.model.nb.NbTopology;
import io.ovneip.model.nb.OwnerKey;
import io.ovneip.model.observed.ObservedNb;
import io.ovneip.model.observed.ObservedRow;
import io.ovneip.ovsdb.protocol.Uuid;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Desired vs observed, per owner (spec section 4.1, architecture rule 3). For each owner in scope:
 * a desired row with no well-placed observed row of its key is inserted; one that exists is kept,
 * and updated in place if columns differ; every other observed row of the owner (not desired, a
 * duplicate of a kept one, or hanging from the wrong parent) is deleted. Owners out of scope are
 * not looked at, so one pod can be reconciled without reading or writing any other's rows.
 */
public final class NbDiff {
  private NbDiff() {}

  public static Plan compute(NbState desired, ObservedNb observed, Predicate<OwnerKey> scope) {
    Builder b = new Builder(desired.settings(), observed);
    Set<OwnerKey> owners = new TreeSet<>(desired.owners());
    owners.addAll(observed.owners());
    for (OwnerKey owner : owners) {
      if (scope.test(owner)) {
        b.owner(owner, desired.rows(owner), observed.rows(owner));
      }
    }
    return b.plan();
  }

  /** Reconcile every owner. */
  public static Plan compute(NbState desired, ObservedNb observed) {
    return compute(desired, observed, o -> true);
  }

  private static final class Builder {
    private final GatewaySettings settings;
    private final ObservedNb observed;
    private final List<NbRow> inserts = new ArrayList<>();
    private final List<Plan.Update> updates = new ArrayList<>();
    private final List<Plan.Delete> deletes = new ArrayList<>();
    private final Map<RowKey, Uuid> kept = new HashMap<>();
    private final List<Plan.Problem> problems = new ArrayList<>();

    Builder(GatewaySettings settings, ObservedNb observed) {
      this.settings = settings;
      this.observed = observed;
    }

    void owner(OwnerKey owner, List<NbRow> want, List<ObservedRow> have) {
      Map<RowKey, List<ObservedRow>> byKey = new LinkedHashMap<>();
      for (ObservedRow r : have) {
        byKey.computeIfAbsent(RowKey.of(r), k -> new ArrayList<>()).add(r);
      }
      List<String> blockers = foreignInTheWay(want);
      List<NbRow> ordered = new ArrayList<>(want);
      // Parents before children, so a child can check it hangs from the kept parent.
      ordered.sort(Comparator.comparing(r -> parentRank(r.table())));
      for (NbRow row : ordered) {
        RowKey key = RowKey.of(row);
        List<ObservedRow> candidates = byKey.getOrDefault(key, List.of());
        byKey.remove(key);
        if (blockers.isEmpty()) {
          reconcile(row, key, candidates);
        } else {
          candidates.forEach(c -> kept.put(RowKey.of(c), c.uuid()));
        }
      }
      blockers.forEach(m -> problems.add(new Plan.Problem(owner, m)));
      byKey.values().forEach(list -> list.forEach(this::delete));
    }

    private void reconcile(NbRow row, RowKey key, List<ObservedRow> candidates) {
      Map<String, Object> want = row.columns();
      // Of the well-placed candidates, keep the one needing the fewest changes (then the lowest
      // UUID, so the choice is stable); every other candidate is deleted.
      ObservedRow keep = null;
      Map<String, Object> keepChanges = null;
      for (ObservedRow c : candidates) {
        if (!wellPlaced(c)) {
          delete(c);
          continue;
        }
        Map<String, Object> changes = changes(want, c);
        if (keep == null || better(changes, c, keepChanges, keep)) {
          if (keep != null) {
            delete(keep);
          }
          keep = c;
          keepChanges = changes;
        } else {
          delete(c);
        }
      }
      if (keep == null) {
        inserts.add(row);
        return;
      }
      kept.put(key, keep.uuid());
      if (!keepChanges.isEmpty()) {
        updates.add(new Plan.Update(key, keep.uuid(), row.owner(), keepChanges));
      }
    }

    private static boolean better(
        Map<String, Object> changes,
        ObservedRow c,
        Map<String, Object> bestChanges,
        ObservedRow best) {
      if (changes.size() != bestChanges.size()) {
        return changes.size() < bestChanges.size();
      }
      return c.uuid().value().compareTo(best.uuid().value()) < 0;
    }

    private void delete(ObservedRow r) {
      deletes.add(new Plan.Delete(RowKey.of(r), r.uuid(), r.owner(), r.referrers()));
    }

    /** The desired columns whose observed value differs. */
    private static Map<String, Object> changes(Map<String, Object> want, ObservedRow have) {
      Map<String, Object> out = null;
      Map<String, Object> observedColumns = have.row().columns();
      for (Map.Entry<String, Object> e : want.entrySet()) {
        if (!Columns.same(e.getValue(), observedColumns.get(e.getKey()))) {
          if (out == null) {
            out = new HashMap<>();
          }
          out.put(e.getKey(), e.getValue());
        }
      }
      return out == null ? Map.of() : out;
    }

    /**
     * A non-root row is well placed when its expected parent references it: the router of our name,
     * or our kept parent row. Otherwise (the flags changed the router's name, a hand edit moved it)
     * it is replaced rather than kept where it has no effect.
     */
    private boolean wellPlaced(ObservedRow c) {
      Optional<NbTopology.ParentRef> parent = NbTopology.parentOf(c.table(), settings);
      if (parent.isEmpty()) {
        return true;
      }
      NbTopology.ParentRef p = parent.get();
      List<Uuid> parentUuids =
          p.ownedTable()
              .map(t -> Optional.ofNullable(kept.get(new RowKey(t, p.name()))).stream().toList())
              .orElseGet(() -> observed.routers(p.name()));
      return c.referrers().stream()
          .anyMatch(
              r ->
                  r.table().equals(p.table())
                      && r.column().equals(p.column())
                      && parentUuids.contains(r.uuid()));
    }

    /** Names we need that rows not ours already use: we must not take them (spec section 3). */
    private List<String> foreignInTheWay(List<NbRow> want) {
      List<String> out = new ArrayList<>();
      for (NbRow r : want) {
        if (r.table() != NbTable.NAT
            && r.table() != NbTable.LOGICAL_ROUTER_POLICY
            && observed.foreignName(r.table(), r.naturalKey())) {
          out.add(
              r.table()
                  + " \""
                  + r.naturalKey()
                  + "\" exists and is not ours (no ovn-eip-owner): leaving it alone, not writing");
        }
      }
      return out;
    }

    private static int parentRank(NbTable t) {
      return switch (t) {
        case LOGICAL_SWITCH, LOGICAL_ROUTER_PORT -> 0;
        default -> 1;
      };
    }

    Plan plan() {
      return new Plan(
          settings,
          inserts,
          updates,
          deletes,
          kept,
          observed.routers(settings.routerName()),
          problems);
    }
  }
}

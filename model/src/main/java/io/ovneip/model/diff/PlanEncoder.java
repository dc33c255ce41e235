package io.ovneip.model.diff;

import io.ovneip.model.input.GatewaySettings;
import io.ovneip.model.nb.NbRow;
import io.ovneip.model.nb.NbTable;
import io.ovneip.model.nb.NbTopology;
import io.ovneip.model.nb.NbTopology.ParentRef;
import io.ovneip.model.observed.Referrer;
import io.ovneip.ovsdb.protocol.Condition;
import io.ovneip.ovsdb.protocol.Mutation;
import io.ovneip.ovsdb.protocol.NamedUuid;
import io.ovneip.ovsdb.protocol.Operation;
import io.ovneip.ovsdb.protocol.OvsdbSet;
import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Encodes a {@link Plan} as the operations of ONE transaction (RFC 7047 5.2), in this order:
 *
 * <ol>
 *   <li>inserts, children first, each with a named UUID; a new parent of ours (switch, router port)
 *       is inserted with its new children already in its reference column;
 *   <li>in-place updates of changed columns, by {@code _uuid};
 *   <li>per existing parent row: a {@code wait} guard, then one {@code mutate} that inserts the new
 *       children's references and deletes the references of rows going away; never an update of the
 *       router's sets, which are not ours (spec section 3);
 *   <li>deletes by {@code _uuid}.
 * </ol>
 *
 * <p>Why the {@code wait} guards: a parent is addressed by the UUID we observed. If another writer
 * deleted (or renamed) it since, a {@code mutate} would match no row and succeed, and OVSDB would
 * garbage-collect our just-inserted non-root rows silently at commit (RFC 7047 3.2): the
 * transaction would "succeed" with nothing done. {@code wait} with timeout 0 on {@code _uuid} and
 * {@code name} makes the whole transaction fail instead, and the caller retries from a fresh view.
 * References are only removed without a guard: removing a reference from a row that is gone is a
 * no-op, and a row still referenced elsewhere makes the delete fail loudly (referential integrity).
 */
public final class PlanEncoder {
  private PlanEncoder() {}

  public static EncodedPlan encode(Plan plan, GatewaySettings settings) {
    if (!plan.settings().equals(settings)) {
      throw new IllegalArgumentException("plan computed for other settings: " + plan.settings());
    }
    if (plan.isEmpty()) {
      return new EncodedPlan.NoChange();
    }
    return new Encoding(plan, settings).run();
  }

  /** A row addressed by UUID. */
  private record Target(String table, Uuid uuid) {}

  /**
   * The reference changes to one existing row, per column; {@code guardName} is set when new rows
   * are attached to it (they need the guard).
   */
  private static final class Pending {
    private String guardName;
    private final Map<String, Set<Object>> inserted = new TreeMap<>();
    private final Map<String, Set<Object>> deleted = new TreeMap<>();
  }

  private static final class Encoding {
    private final Plan plan;
    private final GatewaySettings settings;
    private final List<Operation> ops = new ArrayList<>();
    private final Map<RowKey, NamedUuid> named = new HashMap<>();
    private final Map<RowKey, Map<String, Set<Object>>> childRefs = new HashMap<>();
    private final Map<Target, Pending> mutations = new LinkedHashMap<>();
    private final List<String> blocked = new ArrayList<>();

    Encoding(Plan plan, GatewaySettings settings) {
      this.plan = plan;
      this.settings = settings;
    }

    EncodedPlan run() {
      List<NbRow> inserts = new ArrayList<>(plan.inserts());
      // Children before parents: a parent's insert row then names all its new children.
      inserts.sort(Comparator.comparing((NbRow r) -> rank(r.table())));
      for (int i = 0; i < inserts.size(); i++) {
        named.put(RowKey.of(inserts.get(i)), new NamedUuid("row" + i));
      }
      inserts.forEach(this::attach);
      inserts.forEach(this::insert);
      plan.updates()
          .forEach(
              u ->
                  ops.add(
                      new Operation.Update(
                          u.key().table().tableName(),
                          List.of(byUuid(u.uuid())),
                          Row.of(u.columns()))));
      detachDeleted();
      mutations.forEach(this::mutate);
      plan.deletes()
          .forEach(
              d -> ops.add(new Operation.Delete(d.table().tableName(), List.of(byUuid(d.uuid())))));
      ops.add(new Operation.Comment("ovn-eip: " + plan));
      return blocked.isEmpty()
          ? new EncodedPlan.Transaction(ops)
          : new EncodedPlan.Blocked(blocked);
    }

    /** Records the reference from the new row's parent: in the parent's insert, or a mutation. */
    private void attach(NbRow row) {
      Optional<ParentRef> parent = NbTopology.parentOf(row.table(), settings);
      if (parent.isEmpty()) {
        return;
      }
      ParentRef p = parent.get();
      NamedUuid ref = named.get(RowKey.of(row));
      if (p.ownedTable().isPresent()) {
        RowKey parentKey = new RowKey(p.ownedTable().get(), p.name());
        if (named.containsKey(parentKey)) {
          childRefs
              .computeIfAbsent(parentKey, k -> new HashMap<>())
              .computeIfAbsent(p.column(), c -> new HashSet<>())
              .add(ref);
        } else if (plan.kept().containsKey(parentKey)) {
          attachTo(new Target(p.table(), plan.kept().get(parentKey)), p, ref);
        } else {
          addBlock(p.table() + " \"" + p.name() + "\" is missing: cannot attach " + row.table());
        }
        return;
      }
      List<Uuid> routers = plan.routers();
      if (routers.size() == 1) {
        attachTo(new Target(p.table(), routers.get(0)), p, ref);
      } else if (routers.isEmpty()) {
        addBlock("router \"" + p.name() + "\" does not exist: the CNI has not created it yet");
      } else {
        addBlock(routers.size() + " routers are named \"" + p.name() + "\": refusing to guess");
      }
    }

    private void addBlock(String reason) {
      if (!blocked.contains(reason)) {
        blocked.add(reason);
      }
    }

    private void insert(NbRow row) {
      Map<String, Object> columns = new HashMap<>(row.columns());
      childRefs
          .getOrDefault(RowKey.of(row), Map.of())
          .forEach((column, refs) -> columns.put(column, OvsdbSet.ofAll(refs)));
      ops.add(
          new Operation.Insert(
              row.table().tableName(), Row.of(columns), named.get(RowKey.of(row)).name()));
    }

    /** Removes references to deleted rows from referrers that stay. */
    private void detachDeleted() {
      Set<Uuid> deleted = new HashSet<>();
      plan.deletes().forEach(d -> deleted.add(d.uuid()));
      for (Plan.Delete d : plan.deletes()) {
        for (Referrer r : d.referrers()) {
          if (!deleted.contains(r.uuid())) {
            mutations
                .computeIfAbsent(new Target(r.table(), r.uuid()), t -> new Pending())
                .deleted
                .computeIfAbsent(r.column(), c -> new LinkedHashSet<>())
                .add(d.uuid());
          }
        }
      }
    }

    private void attachTo(Target target, ParentRef p, NamedUuid ref) {
      Pending pending = mutations.computeIfAbsent(target, t -> new Pending());
      pending.guardName = p.name();
      pending.inserted.computeIfAbsent(p.column(), c -> new LinkedHashSet<>()).add(ref);
    }

    private void mutate(Target t, Pending p) {
      if (p.guardName != null) {
        ops.add(
            new Operation.Wait(
                t.table(),
                List.of(byUuid(t.uuid())),
                List.of("name"),
                "==",
                List.of(Row.of(Map.of("name", p.guardName))),
                0L));
      }
      List<Mutation> list = new ArrayList<>();
      p.deleted.forEach((column, refs) -> list.add(Mutation.delete(column, OvsdbSet.ofAll(refs))));
      p.inserted.forEach((column, refs) -> list.add(Mutation.insert(column, OvsdbSet.ofAll(refs))));
      ops.add(new Operation.Mutate(t.table(), List.of(byUuid(t.uuid())), list));
    }

    private static Condition byUuid(Uuid uuid) {
      return Condition.eq("_uuid", uuid);
    }

    private static int rank(NbTable t) {
      return switch (t) {
        case LOGICAL_SWITCH -> 2;
        case LOGICAL_ROUTER_PORT -> 1;
        default -> 0;
      };
    }
  }
}

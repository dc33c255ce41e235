package io.ovneip.model.diff;

import io.ovneip.model.input.GatewaySettings;
import io.ovneip.model.nb.NbRow;
import io.ovneip.model.nb.NbTable;
import io.ovneip.model.nb.OwnerKey;
import io.ovneip.model.observed.Referrer;
import io.ovneip.ovsdb.protocol.Uuid;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What to change so that the owned rows of the owners in scope match the desired ones. Encode it
 * with {@link PlanEncoder}; an empty plan sends nothing.
 *
 * @param settings the settings of the desired state (names of the router, switch and port)
 * @param kept UUIDs of observed rows that stay (updated or not), by key: parents of new children
 * @param routers the UUIDs of the rows named like the cluster router (exactly one to apply)
 * @param problems why some owners' writes were withheld; the rest of the plan still applies
 */
public record Plan(
    GatewaySettings settings,
    List<NbRow> inserts,
    List<Update> updates,
    List<Delete> deletes,
    Map<RowKey, Uuid> kept,
    List<Uuid> routers,
    List<Problem> problems,
    List<ForeignKept> foreignKept) {

  /**
   * An in-place update of an owned row: {@code columns} are whole columns to set; {@code maps} the
   * keys of map columns ({@code external_ids}, {@code options}) to set or remove, so that keys
   * someone else added to our row are never dropped (docs/behaviour.md §3).
   */
  public record Update(
      RowKey key,
      Uuid uuid,
      OwnerKey owner,
      Map<String, Object> columns,
      Map<String, MapEdit> maps) {
    public Update {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(uuid, "uuid");
      Objects.requireNonNull(owner, "owner");
      columns = Map.copyOf(columns);
      maps = Map.copyOf(maps);
    }
  }

  /** Keys of one map column: {@code put} to set (value changed or missing), {@code remove} ours. */
  public record MapEdit(Map<String, String> put, Set<String> remove) {
    public MapEdit {
      put = Map.copyOf(put);
      remove = Set.copyOf(remove);
    }

    public boolean isEmpty() {
      return put.isEmpty() && remove.isEmpty();
    }
  }

  /**
   * An owned parent that was not deleted because rows not ours hang from it: deleting it would make
   * OVSDB garbage-collect them (docs/behaviour.md §3). Our own children of it are removed.
   *
   * @param foreignRows how each such row is named in reports
   */
  public record ForeignKept(OwnerKey owner, RowKey parent, List<String> foreignRows) {
    public ForeignKept {
      Objects.requireNonNull(owner, "owner");
      Objects.requireNonNull(parent, "parent");
      foreignRows = List.copyOf(foreignRows);
    }

    /** One line for the Event: which parent stays and which rows keep it. */
    public String message() {
      return parent.table()
          + " \""
          + parent.naturalKey()
          + "\" is kept: rows not ours hang from it and would be garbage-collected with it: "
          + String.join(", ", foreignRows)
          + " (it goes once they do)";
    }
  }

  /** An owned row to remove, with the rows whose references to it must go first. */
  public record Delete(RowKey key, Uuid uuid, OwnerKey owner, List<Referrer> referrers) {
    public Delete {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(uuid, "uuid");
      Objects.requireNonNull(owner, "owner");
      referrers = List.copyOf(referrers);
    }

    public NbTable table() {
      return key.table();
    }
  }

  /** The writes of {@code owner} were withheld: {@code message} says why. */
  public record Problem(OwnerKey owner, String message) {
    public Problem {
      Objects.requireNonNull(owner, "owner");
      Objects.requireNonNull(message, "message");
    }
  }

  public Plan {
    Objects.requireNonNull(settings, "settings");
    inserts = List.copyOf(inserts);
    updates = List.copyOf(updates);
    deletes = List.copyOf(deletes);
    kept = Map.copyOf(kept);
    routers = List.copyOf(routers);
    problems = List.copyOf(problems);
    foreignKept = List.copyOf(foreignKept);
  }

  /**
   * The part of this plan that writes the rows of {@code owners}: what is sent when a batch's
   * transaction was refused and is retried in parts (docs/behaviour.md §9.2). Owners' rows never
   * reference each other (pods' rows hang from the router, the gateway's from its own switch and
   * router port), so each part applies on its own.
   */
  public Plan only(Set<OwnerKey> owners) {
    return new Plan(
        settings,
        inserts.stream().filter(r -> owners.contains(r.owner())).toList(),
        updates.stream().filter(u -> owners.contains(u.owner())).toList(),
        deletes.stream().filter(d -> owners.contains(d.owner())).toList(),
        kept,
        routers,
        problems.stream().filter(p -> owners.contains(p.owner())).toList(),
        foreignKept.stream().filter(f -> owners.contains(f.owner())).toList());
  }

  /** Nothing to write. */
  public boolean isEmpty() {
    return inserts.isEmpty() && updates.isEmpty() && deletes.isEmpty();
  }

  /** The owners whose rows this plan inserts, updates or deletes. */
  public Set<OwnerKey> owners() {
    Set<OwnerKey> out = new HashSet<>();
    inserts.forEach(r -> out.add(r.owner()));
    updates.forEach(u -> out.add(u.owner()));
    deletes.forEach(d -> out.add(d.owner()));
    return out;
  }

  @Override
  public String toString() {
    return "Plan[+"
        + inserts.size()
        + " ~"
        + updates.size()
        + " -"
        + deletes.size()
        + (problems.isEmpty() ? "" : " problems=" + problems)
        + "]";
  }
}

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
    List<Problem> problems) {

  /** An in-place update of the changed columns of an owned row. */
  public record Update(RowKey key, Uuid uuid, OwnerKey owner, Map<String, Object> columns) {
    public Update {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(uuid, "uuid");
      Objects.requireNonNull(owner, "owner");
      columns = Map.copyOf(columns);
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

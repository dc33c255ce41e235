package io.ovneip.model.adopt;

import io.ovneip.model.nb.ExternalIds;
import io.ovneip.model.nb.NbRouterPolicy;
import io.ovneip.model.nb.NbRow;
import io.ovneip.model.nb.NbTable;
import io.ovneip.model.nb.OwnerKey;
import io.ovneip.ovsdb.protocol.OvsdbMap;
import io.ovneip.ovsdb.protocol.OvsdbSet;
import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Matches rows without an owner key against the desired rows (docs/behaviour.md §8). A foreign row
 * with the natural key of a desired row and the same columns (all but {@code external_ids}) is
 * adopted: it gets our owner key and vendor, and the controller keeps it instead of writing its
 * own. Kube-OVN's EIP wrote its reroute policies at 29250; such a policy with the match, action and
 * next hops of a desired one is adopted too, and the controller then moves it to our priority in
 * one transaction (the traffic never lacks a policy). Anything else with a desired natural key is
 * listed as differing and never touched.
 */
public final class Adoption {
  private Adoption() {}

  /** A foreign row as read from NB. */
  public record Foreign(NbTable table, Uuid uuid, Row row) {
    public Foreign {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(uuid, "uuid");
      Objects.requireNonNull(row, "row");
    }
  }

  /** What adoption does with one foreign row. */
  public record Candidate(
      NbTable table, Uuid uuid, String naturalKey, OwnerKey owner, boolean adopt, String detail) {
    /** One line for the user: {@code adopt NAT 'dnat_and_snat ...' as pod/default/x}. */
    public String line() {
      return (adopt ? "adopt  " : "differs")
          + " "
          + table
          + " '"
          + naturalKey
          + "' ("
          + uuid.value()
          + ") "
          + (adopt
              ? "as " + owner.value()
              : "for " + owner.value() + ": " + detail + "; untouched");
    }
  }

  /** The candidates among {@code foreign} for {@code desired}, in a stable order. */
  public static List<Candidate> match(List<NbRow> desired, List<Foreign> foreign) {
    Map<String, NbRow> byKey = new HashMap<>();
    for (NbRow d : desired) {
      byKey.put(key(d.table(), d.naturalKey()), d);
      if (d instanceof NbRouterPolicy p) {
        byKey.putIfAbsent(
            key(d.table(), NbRouterPolicy.KUBE_OVN_NORTH_GATEWAY_PRIORITY + " " + p.match()), d);
      }
    }
    List<Candidate> out = new ArrayList<>();
    for (Foreign f : foreign) {
      if (ExternalIds.ownerOf(f.row()).isPresent()) {
        continue; // ours already
      }
      String natural = f.table().naturalKey(f.row());
      NbRow d = byKey.get(key(f.table(), natural));
      if (d == null) {
        continue;
      }
      List<String> differing = differing(d, f.row());
      out.add(
          new Candidate(
              f.table(),
              f.uuid(),
              natural,
              d.owner(),
              differing.isEmpty(),
              differing.isEmpty() ? "" : "differs in " + String.join(", ", differing)));
    }
    out.sort(
        Comparator.comparing((Candidate c) -> c.table().tableName())
            .thenComparing(Candidate::naturalKey)
            .thenComparing(c -> c.uuid().value()));
    return out;
  }

  /**
   * The columns we decide (all but {@code external_ids}) whose values differ; a policy's priority
   * is not compared (a 29250 one moves to ours after adoption).
   */
  static List<String> differing(NbRow desired, Row observed) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Object> c : new TreeMap<>(desired.columns()).entrySet()) {
      String column = c.getKey();
      if (column.equals("external_ids")
          || (desired instanceof NbRouterPolicy && column.equals("priority"))) {
        continue;
      }
      Object seen = observed.columns().get(column);
      if (column.equals("options") && seen instanceof OvsdbMap m) {
        seen = withoutDefaults(m);
      }
      if (!canonical(c.getValue()).equals(canonical(seen))) {
        out.add(column);
      }
    }
    return out;
  }

  /**
   * Options that say what their absence says: {@code ovn-nbctl lr-nat-add} writes {@code
   * stateless=false}, the NAT schema's default.
   */
  private static OvsdbMap withoutDefaults(OvsdbMap options) {
    Map<Object, Object> kept = new HashMap<>(options.entries());
    kept.remove("stateless", "false");
    return OvsdbMap.of(kept);
  }

  /** One form for a value however it was decoded: a one-element set is its element, etc. */
  static String canonical(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof OvsdbSet s) {
      return s.elements().stream()
          .map(Adoption::canonical)
          .sorted()
          .collect(Collectors.joining(","));
    }
    if (v instanceof OvsdbMap m) {
      return new TreeMap<>(
              m.entries().entrySet().stream()
                  .collect(
                      Collectors.toMap(
                          e -> canonical(e.getKey()), e -> canonical(e.getValue()), (a, b) -> a)))
          .toString();
    }
    if (v instanceof Map<?, ?> m) {
      return canonical(OvsdbMap.of(m));
    }
    if (v instanceof java.util.Collection<?> col) {
      return canonical(OvsdbSet.ofAll(col));
    }
    return String.valueOf(v);
  }

  private static String key(NbTable table, String natural) {
    return table.tableName() + "\u0000" + natural;
  }
}

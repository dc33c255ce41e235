package io.ovneip.model.observed;

import io.ovneip.model.nb.Columns;
import io.ovneip.model.nb.NbTopology;
import io.ovneip.ovsdb.protocol.PersistentHashSet;
import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who references each row through the strong-reference columns that can hold our rows ({@link
 * NbTopology#REFERENCE_COLUMNS}), kept from the changes of the referring rows. Every referenced row
 * is tracked, ours or not: a row that becomes ours by a hand edit of its {@code external_ids}
 * arrives with its referrers already known. Mutable, single writer.
 */
final class ReferenceIndex {
  private final Map<Uuid, List<Referrer>> byTarget = new HashMap<>();

  /** The rows referencing {@code target} now. */
  List<Referrer> of(Uuid target) {
    return byTarget.getOrDefault(target, List.of());
  }

  /**
   * Applies the change of a row (rows of other tables are ignored) and returns the rows it stopped
   * or started referencing. A column left as it was costs nothing; a changed one costs what changed
   * when both values are persistent sets the replica derived one from the other, else its
   * references.
   */
  Set<Uuid> apply(RowChange change) {
    List<String> columns = NbTopology.REFERENCE_COLUMNS.get(change.table());
    if (columns == null) {
      return Set.of();
    }
    Set<Uuid> touched = new HashSet<>();
    for (String column : columns) {
      Object before = value(change.before(), column);
      Object after = value(change.after(), column);
      if (before == after) {
        continue; // the replica keeps unchanged values as they were
      }
      Referrer referrer = new Referrer(change.table(), change.uuid(), column);
      Set<Object> was = Columns.set(before);
      Set<Object> is = Columns.set(after);
      if (was instanceof PersistentHashSet<Object> pw
          && is instanceof PersistentHashSet<Object> pi) {
        // The replica edits big sets in place of copying them: their difference costs what
        // changed (a switch's ports gaining one pod), not the ports of every pod.
        pw.diff(
            pi,
            ref -> edit(ref, referrer, false, touched),
            ref -> edit(ref, referrer, true, touched));
        continue;
      }
      // Scan the larger side first: when it holds all of the smaller one (a reference added or
      // removed, the usual case), the smaller side needs no scan.
      boolean growing = is.size() >= was.size();
      Set<Object> larger = growing ? is : was;
      Set<Object> smaller = growing ? was : is;
      if (scan(larger, smaller, referrer, growing, touched) < smaller.size()) {
        scan(smaller, larger, referrer, !growing, touched);
      }
    }
    return touched;
  }

  /**
   * Adds (or removes) {@code referrer} for each reference in {@code refs} but not in {@code other};
   * returns how many were in both.
   */
  private int scan(
      Set<Object> refs, Set<Object> other, Referrer referrer, boolean added, Set<Uuid> touched) {
    int inBoth = 0;
    for (Object ref : refs) {
      if (!(ref instanceof Uuid u)) {
        continue;
      }
      if (other.contains(u)) {
        inBoth++;
      } else {
        if (added) {
          add(u, referrer);
        } else {
          remove(u, referrer);
        }
        touched.add(u);
      }
    }
    return inBoth;
  }

  private void edit(Object ref, Referrer referrer, boolean added, Set<Uuid> touched) {
    if (ref instanceof Uuid u) {
      if (added) {
        add(u, referrer);
      } else {
        remove(u, referrer);
      }
      touched.add(u);
    }
  }

  private static Object value(Optional<Row> row, String column) {
    return row.map(r -> r.columns().get(column)).orElse(null);
  }

  private void add(Uuid target, Referrer referrer) {
    List<Referrer> list = new ArrayList<>(of(target));
    list.add(referrer);
    byTarget.put(target, List.copyOf(list));
  }

  private void remove(Uuid target, Referrer referrer) {
    List<Referrer> list = new ArrayList<>(of(target));
    list.remove(referrer);
    if (list.isEmpty()) {
      byTarget.remove(target);
    } else {
      byTarget.put(target, List.copyOf(list));
    }
  }
}

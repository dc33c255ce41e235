package io.ovneip.model.nb;

import io.ovneip.model.input.GatewaySettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A set of owned rows grouped by owner: the desired Northbound state. {@code settings} names the
 * switch, router and port the rows hang from ({@link NbTopology}).
 */
public record NbState(GatewaySettings settings, Map<OwnerKey, List<NbRow>> rows) {

  public NbState {
    Objects.requireNonNull(settings, "settings");
    Map<OwnerKey, List<NbRow>> copy = new TreeMap<>();
    Set<String> keys = new HashSet<>();
    rows.forEach(
        (owner, list) -> {
          for (NbRow r : list) {
            if (!r.owner().equals(owner)) {
              throw new IllegalArgumentException("row " + r + " listed under owner " + owner);
            }
            if (!keys.add(r.table() + "|" + r.naturalKey())) {
              throw new IllegalArgumentException("two desired rows with one natural key: " + r);
            }
          }
          if (!list.isEmpty()) {
            copy.put(owner, List.copyOf(list));
          }
        });
    rows = Collections.unmodifiableMap(copy);
  }

  public static NbState empty(GatewaySettings settings) {
    return new NbState(settings, Map.of());
  }

  /** Groups rows by their owner. */
  public static NbState of(GatewaySettings settings, Collection<? extends NbRow> rows) {
    Map<OwnerKey, List<NbRow>> byOwner = new TreeMap<>();
    for (NbRow r : rows) {
      byOwner.computeIfAbsent(r.owner(), o -> new ArrayList<>()).add(r);
    }
    return new NbState(settings, byOwner);
  }

  /** The rows of one owner (empty if none). */
  public List<NbRow> rows(OwnerKey owner) {
    return rows.getOrDefault(owner, List.of());
  }

  public Set<OwnerKey> owners() {
    return rows.keySet();
  }

  public List<NbRow> allRows() {
    List<NbRow> out = new ArrayList<>();
    rows.values().forEach(out::addAll);
    return List.copyOf(out);
  }
}

package io.ovneip.model.diff;

import io.ovneip.ovsdb.protocol.Condition;
import io.ovneip.ovsdb.protocol.Mutation;
import io.ovneip.ovsdb.protocol.Operation;
import io.ovneip.ovsdb.protocol.OvsdbMap;
import io.ovneip.ovsdb.protocol.OvsdbSet;
import io.ovneip.ovsdb.protocol.Uuid;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * OVN's BFD timing for gateway chassis, {@code NB_Global} options {@code bfd-min-rx}, {@code
 * bfd-min-tx} and {@code bfd-mult} (docs/behaviour.md §3.2): set only when the ConfigMap asks
 * ({@code gateway-bfd-interval-ms}), never over a value someone else set (reported instead), and
 * removed only where the value is still the one ovn-eip wrote. What ovn-eip wrote is remembered in
 * {@code NB_Global external_ids:ovn-eip.io/bfd-options}, so ownership lives in the database.
 */
public final class BfdOptions {
  /** The external_ids key holding what ovn-eip set, {@code key=value,...}. */
  public static final String MARKER = "ovn-eip.io/bfd-options";

  /** Detection after this many missed packets: OVN's default. */
  static final int MULT = 3;

  private BfdOptions() {}

  /**
   * What to change: option keys to set (with their values), keys to remove, the new marker (empty:
   * remove it) and the keys someone else holds with another value.
   */
  public record Change(
      Map<String, String> set,
      List<String> remove,
      Optional<String> marker,
      boolean markerChanged,
      List<String> conflicts) {
    public boolean isEmpty() {
      return set.isEmpty() && remove.isEmpty() && !markerChanged;
    }
  }

  /** The options an interval asks for. */
  static Map<String, String> wanted(int intervalMs) {
    Map<String, String> m = new TreeMap<>();
    m.put("bfd-min-rx", Integer.toString(intervalMs));
    m.put("bfd-min-tx", Integer.toString(intervalMs));
    m.put("bfd-mult", Integer.toString(MULT));
    return m;
  }

  /**
   * Decides the change from the asked interval (empty: not asked), NB_Global's {@code options} now
   * and its {@code external_ids}.
   */
  public static Change plan(
      Optional<Integer> intervalMs, Map<String, String> options, Map<String, String> externalIds) {
    Map<String, String> ours = parse(externalIds.get(MARKER));
    Map<String, String> want = intervalMs.map(BfdOptions::wanted).orElse(Map.of());
    Map<String, String> set = new TreeMap<>();
    List<String> remove = new ArrayList<>();
    List<String> conflicts = new ArrayList<>();
    Map<String, String> nextOurs = new TreeMap<>();
    for (var e : want.entrySet()) {
      String k = e.getKey();
      String now = options.get(k);
      boolean mine = now != null && now.equals(ours.get(k));
      if (now == null || mine) {
        if (!e.getValue().equals(now)) {
          set.put(k, e.getValue());
        }
        nextOurs.put(k, e.getValue());
      } else if (!now.equals(e.getValue())) {
        conflicts.add(
            "NB_Global options:" + k + "=" + now + " was set by someone else; not overwritten");
      }
    }
    for (var e : ours.entrySet()) {
      if (!want.containsKey(e.getKey()) && e.getValue().equals(options.get(e.getKey()))) {
        remove.add(e.getKey());
      }
    }
    Optional<String> marker = nextOurs.isEmpty() ? Optional.empty() : Optional.of(format(nextOurs));
    boolean markerChanged = !marker.equals(Optional.ofNullable(externalIds.get(MARKER)));
    return new Change(set, remove, marker, markerChanged, conflicts);
  }

  /**
   * The one mutate of NB_Global {@code uuid} for {@code change}: deletes come first, so a key is
   * replaced (an insert never overwrites an existing map key, RFC 7047 §5.1).
   */
  public static Operation encode(Uuid uuid, Change change, Map<String, String> externalIds) {
    List<Mutation> m = new ArrayList<>();
    List<String> drop = new ArrayList<>(change.remove());
    drop.addAll(change.set().keySet());
    if (!drop.isEmpty()) {
      m.add(Mutation.delete("options", OvsdbSet.ofAll(drop)));
    }
    if (!change.set().isEmpty()) {
      m.add(Mutation.insert("options", OvsdbMap.of(change.set())));
    }
    if (change.markerChanged()) {
      if (externalIds.containsKey(MARKER)) {
        m.add(Mutation.delete("external_ids", OvsdbSet.of(MARKER)));
      }
      change
          .marker()
          .ifPresent(v -> m.add(Mutation.insert("external_ids", OvsdbMap.of(Map.of(MARKER, v)))));
    }
    return new Operation.Mutate("NB_Global", List.of(Condition.eq("_uuid", uuid)), m);
  }

  static Map<String, String> parse(String marker) {
    Map<String, String> m = new LinkedHashMap<>();
    if (marker == null || marker.isBlank()) {
      return m;
    }
    for (String part : marker.split(",")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        m.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
      }
    }
    return m;
  }

  static String format(Map<String, String> m) {
    return String.join(
        ",", m.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
  }
}

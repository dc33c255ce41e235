package io.ovneip.ovsdb.cache;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One instance per distinct string of the maps' keys and values ({@code external_ids}, {@code
 * options}): every pod's port repeats {@code vendor=kube-ovn}, {@code ls=ovn-default} and the same
 * few keys, which decoded one row at a time would be as many copies as there are pods. Bounded: the
 * first {@link #MAX} distinct strings are pooled, later ones are kept as they come (the keys and
 * common values come first, with the first rows). One replica thread uses it.
 */
final class StringPool {
  static final int MAX = 4096;
  private static final int LONGEST = 64;

  private final Map<String, String> pool = new HashMap<>();

  String of(String s) {
    if (s.length() > LONGEST) {
      return s;
    }
    String pooled = pool.get(s);
    if (pooled != null) {
      return pooled;
    }
    if (pool.size() < MAX) {
      pool.put(s, s);
    }
    return s;
  }

  /** {@code entries} with pooled string keys and values. */
  Map<Object, Object> entries(Map<Object, Object> entries) {
    Map<Object, Object> out = new LinkedHashMap<>(entries.size() * 2);
    entries.forEach((k, v) -> out.put(pooled(k), pooled(v)));
    return out;
  }

  private Object pooled(Object o) {
    return o instanceof String s ? of(s) : o;
  }

  int size() {
    return pool.size();
  }
}

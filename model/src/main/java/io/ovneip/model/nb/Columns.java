package io.ovneip.model.nb;

import io.ovneip.ovsdb.protocol.OvsdbMap;
import io.ovneip.ovsdb.protocol.OvsdbSet;
import io.ovneip.ovsdb.protocol.Row;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads column values of rows from the server tolerantly. RFC 7047 5.1 sends a one-element set as
 * the bare atom; the client decodes "at most one" and multi-valued columns as {@link OvsdbSet}s,
 * but these readers accept either form, and {@link #same} compares values as OVSDB does (a set of
 * one equals its element; a missing column equals an empty set or map).
 */
public final class Columns {
  private Columns() {}

  /** A string column, or an optional string column's element. */
  public static Optional<String> string(Row row, String column) {
    return single(row, column).filter(String.class::isInstance).map(String.class::cast);
  }

  /** An integer column (or optional integer), accepting any {@link Number}. */
  public static Optional<Long> integer(Row row, String column) {
    return single(row, column).filter(Number.class::isInstance).map(n -> ((Number) n).longValue());
  }

  /** A set of strings, sorted (sets have no order; sorting makes typed rows comparable). */
  public static List<String> strings(Row row, String column) {
    List<String> out = new ArrayList<>();
    for (Object o : set(row.columns().get(column))) {
      if (o instanceof String s) {
        out.add(s);
      }
    }
    out.sort(null);
    return List.copyOf(out);
  }

  /** A string-to-string map column; empty when missing. */
  public static Map<String, String> map(Row row, String column) {
    Object v = row.columns().get(column);
    Map<String, String> out = new LinkedHashMap<>();
    if (v instanceof OvsdbMap m) {
      m.entries().forEach((k, val) -> out.put(String.valueOf(k), String.valueOf(val)));
    }
    return Map.copyOf(out);
  }

  /** The elements of a value: a set's elements, a bare atom as a set of one, null as empty. */
  public static Set<Object> set(Object value) {
    if (value == null) {
      return Set.of();
    }
    if (value instanceof OvsdbSet s) {
      return s.elements();
    }
    return Set.of(value);
  }

  private static Optional<Object> single(Row row, String column) {
    Set<Object> s = set(row.columns().get(column));
    return s.size() == 1 ? Optional.of(s.iterator().next()) : Optional.empty();
  }

  /** Equality of two column values as OVSDB sees them. */
  public static boolean same(Object a, Object b) {
    // Most values already match exactly; canonical forms (which allocate) only settle the rest.
    return java.util.Objects.equals(a, b) || canonical(a).equals(canonical(b));
  }

  private static Object canonical(Object v) {
    if (v instanceof OvsdbMap m) {
      return m.entries().isEmpty() ? Set.of() : m.entries();
    }
    if (v == null) {
      return Set.of();
    }
    Set<Object> out = new HashSet<>();
    for (Object o : set(v)) {
      out.add(o instanceof Integer i ? Long.valueOf(i) : o);
    }
    return out;
  }
}

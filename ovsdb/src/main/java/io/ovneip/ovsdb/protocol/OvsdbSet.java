package io.ovneip.ovsdb.protocol;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * An OVSDB set (RFC 7047 5.1): JSON {@code ["set", [...]]}, or a bare atom when it has exactly one
 * element. Compared as a set: element order never matters.
 */
public record OvsdbSet(Set<Object> elements) {
  public OvsdbSet {
    // A persistent set is immutable already; copying it would undo its structural sharing.
    elements = elements instanceof PersistentHashSet<Object> p ? p : Set.copyOf(elements);
  }

  public static OvsdbSet of(Object... elements) {
    return new OvsdbSet(new LinkedHashSet<>(Arrays.asList(elements)));
  }

  public static OvsdbSet ofAll(Collection<?> elements) {
    return new OvsdbSet(new LinkedHashSet<Object>(elements));
  }

  public static OvsdbSet empty() {
    return new OvsdbSet(Set.of());
  }

  public boolean isEmpty() {
    return elements.isEmpty();
  }
}

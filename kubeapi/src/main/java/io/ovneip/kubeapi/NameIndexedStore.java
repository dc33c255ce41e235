package io.ovneip.kubeapi;

import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The mock's object store (attribute set of an object -> its JSON), insertion-ordered as the stock
 * one, plus an index from each object's {@code name} attribute to the keys carrying it.
 *
 * <p>Why: the stock store is a plain map that the mock scans, matching every stored object's
 * attributes, on each create, get, patch and delete; at 10,000 pods (and as many Events) that scan
 * was nearly all of the API's CPU. A query naming one object (an attribute {@code name} of type
 * {@code WITH}) can only be satisfied by a key holding an equal attribute, so the index narrows it
 * to the few objects of that name (one per namespace and kind).
 *
 * <p>Only {@code put}, {@code remove} and {@code clear} change it; the views are unmodifiable, so a
 * change that would bypass the index fails instead of silently leaving it stale.
 */
final class NameIndexedStore extends AbstractMap<AttributeSet, String> {
  static final String NAME = "name";

  private final Map<AttributeSet, String> objects = new LinkedHashMap<>();
  private final Map<Attribute, Set<AttributeSet>> byName = new HashMap<>();

  /**
   * The keys that can satisfy {@code query}, in insertion order; empty when the query names no
   * single object (a list, a selector on the name), and the whole store must be searched.
   */
  Optional<List<AttributeSet>> candidates(AttributeSet query) {
    if (!namesOneObject(query)) {
      return Optional.empty();
    }
    return Optional.of(
        byName.getOrDefault(query.getAttribute(NAME), Set.of()).stream()
            .filter(k -> k.matches(query))
            .toList());
  }

  /** Whether the query requires one exact name (then {@link #candidates} is not empty). */
  static boolean namesOneObject(AttributeSet query) {
    Attribute name = query.getAttribute(NAME);
    return name != null && name.getType() == AttributeType.WITH && name.getValues().size() == 1;
  }

  @Override
  public String get(Object key) {
    return objects.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return objects.containsKey(key);
  }

  @Override
  public int size() {
    return objects.size();
  }

  @Override
  public String put(AttributeSet key, String value) {
    Attribute name = key.getAttribute(NAME);
    if (name != null) {
      byName.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(key);
    }
    return objects.put(key, value);
  }

  @Override
  public String remove(Object key) {
    if (key instanceof AttributeSet && objects.containsKey(key)) {
      Attribute name = ((AttributeSet) key).getAttribute(NAME);
      Set<AttributeSet> named = name == null ? null : byName.get(name);
      if (named != null) {
        named.remove(key);
        if (named.isEmpty()) {
          byName.remove(name);
        }
      }
    }
    return objects.remove(key);
  }

  @Override
  public void clear() {
    byName.clear();
    objects.clear();
  }

  @Override
  public Set<Map.Entry<AttributeSet, String>> entrySet() {
    return Collections.unmodifiableMap(objects).entrySet();
  }
}

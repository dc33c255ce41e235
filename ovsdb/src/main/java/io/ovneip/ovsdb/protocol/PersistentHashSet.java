package io.ovneip.ovsdb.protocol;

import java.util.AbstractSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.function.Consumer;

/**
 * An immutable hash set whose {@link #with} and {@link #without} share every part of it they do not
 * touch (a {@link PersistentHashMap} of its elements): adding one port to a switch's {@code ports}
 * costs one path of a trie, not a copy of every port. Read-only through {@link java.util.Set}: its
 * mutators throw.
 */
public final class PersistentHashSet<E> extends AbstractSet<E> {
  private static final PersistentHashSet<Object> EMPTY =
      new PersistentHashSet<>(PersistentHashMap.empty());

  private final PersistentHashMap<E, Boolean> map;

  private PersistentHashSet(PersistentHashMap<E, Boolean> map) {
    this.map = map;
  }

  @SuppressWarnings("unchecked")
  public static <E> PersistentHashSet<E> empty() {
    return (PersistentHashSet<E>) EMPTY;
  }

  /** {@code elements} itself when it already is one; otherwise a copy (costs its size, once). */
  @SuppressWarnings("unchecked")
  public static <E> PersistentHashSet<E> copyOf(Collection<? extends E> elements) {
    if (elements instanceof PersistentHashSet<?> p) {
      return (PersistentHashSet<E>) p;
    }
    PersistentHashMap<E, Boolean> m = PersistentHashMap.empty();
    for (E e : elements) {
      m = m.with(e, Boolean.TRUE);
    }
    return new PersistentHashSet<>(m);
  }

  public PersistentHashSet<E> with(E element) {
    PersistentHashMap<E, Boolean> m = map.with(element, Boolean.TRUE);
    return m == map ? this : new PersistentHashSet<>(m);
  }

  public PersistentHashSet<E> without(Object element) {
    PersistentHashMap<E, Boolean> m = map.without(element);
    return m == map ? this : new PersistentHashSet<>(m);
  }

  @Override
  public boolean contains(Object o) {
    return map.containsKey(o);
  }

  @Override
  public int size() {
    return map.size();
  }

  @Override
  public Iterator<E> iterator() {
    Iterator<java.util.Map.Entry<E, Boolean>> it = map.entrySet().iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public E next() {
        return it.next().getKey();
      }
    };
  }

  @Override
  public void forEach(Consumer<? super E> action) {
    map.forEach((e, t) -> action.accept(e));
  }

  /**
   * Calls {@code removed} for each element of this set not in {@code newer} and {@code added} for
   * each element of {@code newer} not here; costs what differs when {@code newer} was derived from
   * this set (or the reverse), since the parts they share are skipped.
   */
  public void diff(
      PersistentHashSet<E> newer, Consumer<? super E> removed, Consumer<? super E> added) {
    map.diffKeys(newer.map, removed, added);
  }
}

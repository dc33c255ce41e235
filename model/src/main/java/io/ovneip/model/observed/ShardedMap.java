package io.ovneip.model.observed;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An immutable hash map kept as a fixed number of shards, each an immutable map. A copy with a few
 * entries changed shares every shard it does not touch, so a new version per replica update costs
 * the touched shards (a few dozen entries each at 10,000 owners) instead of the whole map, and
 * readers on other threads can keep the old version without locks.
 */
final class ShardedMap<K, V> {
  private static final int SHARD_BITS = 8;
  private static final int SHARDS = 1 << SHARD_BITS;
  private static final ShardedMap<Object, Object> EMPTY = new ShardedMap<>(emptyShards(), 0);

  private final Object[] shards; // each an immutable Map<K, V>; never changed after construction
  private final int size;

  private ShardedMap(Object[] shards, int size) {
    this.shards = shards;
    this.size = size;
  }

  private static Object[] emptyShards() {
    Object[] shards = new Object[SHARDS];
    Arrays.fill(shards, Map.of());
    return shards;
  }

  @SuppressWarnings("unchecked")
  static <K, V> ShardedMap<K, V> empty() {
    return (ShardedMap<K, V>) EMPTY;
  }

  V get(Object key) {
    return shard(indexOf(key)).get(key);
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** A copy with {@code edits} applied: a present value puts the key, an empty one removes it. */
  ShardedMap<K, V> with(Map<K, Optional<V>> edits) {
    if (edits.isEmpty()) {
      return this;
    }
    Map<Integer, Map<K, V>> touched = new HashMap<>();
    int newSize = size;
    for (Map.Entry<K, Optional<V>> e : edits.entrySet()) {
      Map<K, V> shard = touched.computeIfAbsent(indexOf(e.getKey()), i -> new HashMap<>(shard(i)));
      boolean had = shard.containsKey(e.getKey());
      if (e.getValue().isPresent()) {
        shard.put(e.getKey(), e.getValue().get());
        newSize += had ? 0 : 1;
      } else if (had) {
        shard.remove(e.getKey());
        newSize--;
      }
    }
    Object[] copy = shards.clone();
    touched.forEach((i, shard) -> copy[i] = Map.copyOf(shard));
    return new ShardedMap<>(copy, newSize);
  }

  void forEach(BiConsumer<? super K, ? super V> action) {
    for (int i = 0; i < SHARDS; i++) {
      shard(i).forEach(action);
    }
  }

  /** The keys, as an unmodifiable view of this (immutable) version. */
  Set<K> keySet() {
    return new Keys();
  }

  @SuppressWarnings("unchecked")
  private Map<K, V> shard(int i) {
    return (Map<K, V>) shards[i];
  }

  private static int indexOf(Object key) {
    int h = key.hashCode();
    // Fibonacci hashing: spreads keys whose hash codes differ only in the low bits.
    return ((h ^ (h >>> 16)) * 0x9E3779B9) >>> (Integer.SIZE - SHARD_BITS);
  }

  private final class Keys extends AbstractSet<K> {
    @Override
    public boolean contains(Object o) {
      return o != null && shard(indexOf(o)).containsKey(o);
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public Iterator<K> iterator() {
      return new Iterator<>() {
        private int next;
        private Iterator<K> current = shard(0).keySet().iterator();

        @Override
        public boolean hasNext() {
          while (!current.hasNext() && next < SHARDS - 1) {
            current = shard(++next).keySet().iterator();
          }
          return current.hasNext();
        }

        @Override
        public K next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          return current.next();
        }
      };
    }
  }
}

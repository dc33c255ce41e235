package io.ovneip.model.observed;

import io.ovneip.ovsdb.protocol.PersistentHashMap;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An immutable hash map whose copies with a few entries changed share everything else, so a new
 * version per replica update costs the entries it changes, whatever the size of the map (issue 16:
 * with fixed shards, each change copied a shard, 1/256 of the map, ~400 entries at 100,000 pods),
 * and readers on other threads keep the old version without locks. Kept under its first name (it
 * was a fixed set of shards); the structure is {@link PersistentHashMap}'s trie.
 */
final class ShardedMap<K, V> {
  private static final ShardedMap<Object, Object> EMPTY =
      new ShardedMap<>(PersistentHashMap.empty());

  private final PersistentHashMap<K, V> map;

  private ShardedMap(PersistentHashMap<K, V> map) {
    this.map = map;
  }

  @SuppressWarnings("unchecked")
  static <K, V> ShardedMap<K, V> empty() {
    return (ShardedMap<K, V>) EMPTY;
  }

  V get(Object key) {
    return map.get(key);
  }

  int size() {
    return map.size();
  }

  boolean isEmpty() {
    return map.isEmpty();
  }

  /** A copy with {@code edits} applied: a present value puts the key, an empty one removes it. */
  ShardedMap<K, V> with(Map<K, Optional<V>> edits) {
    PersistentHashMap<K, V> m = map;
    for (Map.Entry<K, Optional<V>> e : edits.entrySet()) {
      m = e.getValue().isPresent() ? m.with(e.getKey(), e.getValue().get()) : m.without(e.getKey());
    }
    return m == map ? this : new ShardedMap<>(m);
  }

  void forEach(BiConsumer<? super K, ? super V> action) {
    map.forEach(action);
  }

  /** The keys, as an unmodifiable view of this (immutable) version. */
  Set<K> keySet() {
    return Collections.unmodifiableSet(map.keySet());
  }
}

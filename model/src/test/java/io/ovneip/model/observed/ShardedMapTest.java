package io.ovneip.model.observed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A sharded map behaves as a map, and an older version does not see later edits. */
class ShardedMapTest {

  @Test
  void randomEditsMatchAHashMapAndLeaveOlderVersionsAlone() {
    Random rnd = new Random(7);
    Map<String, Integer> expected = new HashMap<>();
    ShardedMap<String, Integer> map = ShardedMap.empty();
    for (int round = 0; round < 200; round++) {
      Map<String, Optional<Integer>> edits = new HashMap<>();
      for (int i = rnd.nextInt(50); i >= 0; i--) {
        String key = "k" + rnd.nextInt(2_000);
        Optional<Integer> value = rnd.nextInt(3) == 0 ? Optional.empty() : Optional.of(round);
        edits.put(key, value);
      }
      Map<String, Integer> before = Map.copyOf(expected);
      ShardedMap<String, Integer> older = map;
      edits.forEach((k, v) -> v.ifPresentOrElse(x -> expected.put(k, x), () -> expected.remove(k)));
      map = map.with(edits);

      assertThat(contents(map)).isEqualTo(expected);
      assertThat(map.size()).isEqualTo(expected.size());
      assertThat(map.keySet()).isEqualTo(expected.keySet()).hasSize(expected.size());
      assertThat(contents(older)).isEqualTo(before);
    }
    assertThat(map.size()).as("a map big enough to fill every shard").isGreaterThan(500);
  }

  @Test
  void keysAreAReadOnlyView() {
    ShardedMap<String, Integer> map =
        ShardedMap.<String, Integer>empty().with(Map.of("a", Optional.of(1)));
    Set<String> keys = map.keySet();
    assertThat(keys).containsExactly("a");
    assertThat(keys.contains("b")).isFalse();
    assertThatThrownBy(() -> keys.add("b")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> keys.remove("a")).isInstanceOf(UnsupportedOperationException.class);
    assertThat(map.with(Map.of()).keySet()).isEqualTo(Set.of("a"));
    assertThat(map.with(Map.of("a", Optional.empty())).isEmpty()).isTrue();
  }

  static <K, V> Map<K, V> contents(ShardedMap<K, V> map) {
    Map<K, V> out = new HashMap<>();
    map.forEach(out::put);
    Set<K> iterated = new HashSet<>(map.keySet());
    assertThat(iterated).isEqualTo(out.keySet());
    out.keySet().forEach(k -> assertThat(map.get(k)).isEqualTo(out.get(k)));
    return out;
  }
}

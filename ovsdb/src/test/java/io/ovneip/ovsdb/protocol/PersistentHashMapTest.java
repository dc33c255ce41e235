package io.ovneip.ovsdb.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PersistentHashMapTest {
  /** Keys whose hash codes collide in all 32 bits, to exercise the leaves that cannot split. */
  record Colliding(int id) {
    @Override
    public int hashCode() {
      return 42;
    }
  }

  @Test
  void behavesLikeAHashMapUnderRandomEditsAndKeepsOldVersions() {
    Random random = new Random(7);
    Map<Object, Integer> expected = new HashMap<>();
    PersistentHashMap<Object, Integer> map = PersistentHashMap.empty();
    List<PersistentHashMap<Object, Integer>> versions = new ArrayList<>();
    List<Map<Object, Integer>> snapshots = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      Object key =
          random.nextInt(10) == 0 ? new Colliding(random.nextInt(40)) : random.nextInt(3000);
      if (random.nextInt(3) == 0) {
        expected.remove(key);
        map = map.without(key);
      } else {
        int v = random.nextInt(5);
        expected.put(key, v);
        map = map.with(key, v);
      }
      if (i % 2000 == 0) {
        versions.add(map);
        snapshots.add(new HashMap<>(expected));
      }
    }
    assertThat(map).isEqualTo(expected);
    assertThat(map.size()).isEqualTo(expected.size());
    assertThat(new HashMap<>(map)).isEqualTo(expected);
    assertThat(map.hashCode()).isEqualTo(expected.hashCode());
    for (int i = 0; i < versions.size(); i++) {
      assertThat(versions.get(i)).isEqualTo(snapshots.get(i));
    }
    // Emptied down to nothing, one key at a time.
    for (Object k : new ArrayList<>(expected.keySet())) {
      map = map.without(k);
    }
    assertThat(map).isEmpty();
  }

  @Test
  void anUnchangedEditReturnsTheSameVersion() {
    PersistentHashMap<String, String> m = PersistentHashMap.<String, String>empty().with("a", "1");
    assertThat(m.with("a", "1")).isSameAs(m);
    assertThat(m.without("b")).isSameAs(m);
  }

  @Test
  void setDiffFindsExactlyWhatChangedBetweenRelatedAndUnrelatedVersions() {
    PersistentHashSet<Object> base = PersistentHashSet.empty();
    for (int i = 0; i < 5000; i++) {
      base = base.with("port-" + i);
    }
    PersistentHashSet<Object> next =
        base.without("port-7").with("port-9000").with(new Colliding(1));
    Set<Object> removed = new HashSet<>();
    Set<Object> added = new HashSet<>();
    base.diff(next, removed::add, added::add);
    assertThat(removed).containsExactly("port-7");
    assertThat(added).containsExactlyInAnyOrder("port-9000", new Colliding(1));

    // Built independently (no shared parts): same answer.
    PersistentHashSet<Object> copy = PersistentHashSet.copyOf(new HashSet<>(next));
    removed.clear();
    added.clear();
    base.diff(copy, removed::add, added::add);
    assertThat(removed).containsExactly("port-7");
    assertThat(added).containsExactlyInAnyOrder("port-9000", new Colliding(1));
    assertThat(copy).isEqualTo(next);
  }

  @Test
  void anOvsdbSetKeepsAPersistentSetAsItIs() {
    PersistentHashSet<Object> s = PersistentHashSet.empty().with("x");
    assertThat(new OvsdbSet(s).elements()).isSameAs(s);
    assertThat(new OvsdbSet(s)).isEqualTo(OvsdbSet.of("x"));
  }
}

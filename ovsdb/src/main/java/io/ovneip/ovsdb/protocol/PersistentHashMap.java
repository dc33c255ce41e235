package io.ovneip.ovsdb.protocol;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * An immutable hash map whose {@link #with} and {@link #without} return a new version sharing every
 * part they do not touch: a trie of 32-way branches over the key's hash, with small leaves. A
 * change costs a path of the trie (a few dozen references at a million entries), not the size of
 * the map, and readers on other threads keep older versions without locks. Keys whose hashes
 * collide in all 32 bits share one leaf. Null keys and values are refused.
 *
 * <p>Read-only through the {@link Map} interface: its mutators throw.
 */
public final class PersistentHashMap<K, V> extends AbstractMap<K, V> {
  private static final int BITS = 5;
  private static final int MASK = (1 << BITS) - 1;

  /** Entries a leaf holds before it splits into a branch (while hash bits remain). */
  private static final int LEAF_MAX = 16;

  private static final Leaf EMPTY_LEAF = new Leaf(new int[0], new Object[0], new Object[0]);
  private static final PersistentHashMap<Object, Object> EMPTY =
      new PersistentHashMap<>(EMPTY_LEAF);

  private final Node root;

  private PersistentHashMap(Node root) {
    this.root = root;
  }

  @SuppressWarnings("unchecked")
  public static <K, V> PersistentHashMap<K, V> empty() {
    return (PersistentHashMap<K, V>) EMPTY;
  }

  /** {@code map} itself when it already is one; otherwise a copy (costs its size, once). */
  @SuppressWarnings("unchecked")
  public static <K, V> PersistentHashMap<K, V> copyOf(Map<? extends K, ? extends V> map) {
    if (map instanceof PersistentHashMap<?, ?> p) {
      return (PersistentHashMap<K, V>) p;
    }
    PersistentHashMap<K, V> out = empty();
    for (Map.Entry<? extends K, ? extends V> e : map.entrySet()) {
      out = out.with(e.getKey(), e.getValue());
    }
    return out;
  }

  /** This map with {@code key} mapped to {@code value}; this very map if it already was. */
  public PersistentHashMap<K, V> with(K key, V value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Node r = root.put(hash(key), key, value, 0);
    return r == root ? this : new PersistentHashMap<>(r);
  }

  /** This map without {@code key}; this very map if it had no such key. */
  public PersistentHashMap<K, V> without(Object key) {
    if (key == null) {
      return this;
    }
    Node r = root.remove(hash(key), key, 0);
    if (r == root) {
      return this;
    }
    return new PersistentHashMap<>(r == null ? EMPTY_LEAF : r);
  }

  @Override
  @SuppressWarnings("unchecked")
  public V get(Object key) {
    return key == null ? null : (V) root.get(hash(key), key, 0);
  }

  @Override
  public boolean containsKey(Object key) {
    return get(key) != null;
  }

  @Override
  public int size() {
    return root.size();
  }

  @Override
  public boolean isEmpty() {
    return root.size() == 0;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void forEach(BiConsumer<? super K, ? super V> action) {
    root.forEach((BiConsumer<Object, Object>) action);
  }

  @Override
  public Set<Map.Entry<K, V>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<K, V>> iterator() {
        return new Entries<>(root);
      }

      @Override
      public int size() {
        return root.size();
      }
    };
  }

  /**
   * Calls {@code onlyHere} for each key of this map not in {@code other} and {@code onlyThere} for
   * each key of {@code other} not in this one. Parts the two versions share are skipped, so the
   * difference of a version and one derived from it by a few changes costs those changes.
   */
  public void diffKeys(
      PersistentHashMap<K, ?> other, Consumer<? super K> onlyHere, Consumer<? super K> onlyThere) {
    diff(root, other.root, 0, onlyHere, onlyThere);
  }

  @SuppressWarnings("unchecked")
  private static <K> void diff(
      Node a, Node b, int shift, Consumer<? super K> onlyA, Consumer<? super K> onlyB) {
    if (a == b) {
      return;
    }
    Node x = a == null ? EMPTY_LEAF : a;
    Node y = b == null ? EMPTY_LEAF : b;
    if (x instanceof Branch bx && y instanceof Branch by) {
      for (int i = 0; i <= MASK; i++) {
        diff(bx.children[i], by.children[i], shift + BITS, onlyA, onlyB);
      }
      return;
    }
    x.forEach(
        (k, v) -> {
          if (y.get(hash(k), k, shift) == null) {
            onlyA.accept((K) k);
          }
        });
    y.forEach(
        (k, v) -> {
          if (x.get(hash(k), k, shift) == null) {
            onlyB.accept((K) k);
          }
        });
  }

  private static int hash(Object key) {
    int h = key.hashCode();
    return h ^ (h >>> 16);
  }

  private abstract static sealed class Node permits Leaf, Branch {
    abstract Object get(int hash, Object key, int shift);

    /** The node with the entry put; this node if it already held it. */
    abstract Node put(int hash, Object key, Object value, int shift);

    /** The node without the key; this node if absent; null when nothing is left. */
    abstract Node remove(int hash, Object key, int shift);

    abstract int size();

    abstract void forEach(BiConsumer<Object, Object> action);
  }

  /** Up to {@link #LEAF_MAX} entries (more only when no hash bits are left to split on). */
  private static final class Leaf extends Node {
    final int[] hashes;
    final Object[] keys;
    final Object[] values;

    Leaf(int[] hashes, Object[] keys, Object[] values) {
      this.hashes = hashes;
      this.keys = keys;
      this.values = values;
    }

    private int indexOf(int hash, Object key) {
      for (int i = 0; i < keys.length; i++) {
        if (hashes[i] == hash && keys[i].equals(key)) {
          return i;
        }
      }
      return -1;
    }

    @Override
    Object get(int hash, Object key, int shift) {
      int i = indexOf(hash, key);
      return i < 0 ? null : values[i];
    }

    @Override
    Node put(int hash, Object key, Object value, int shift) {
      int i = indexOf(hash, key);
      if (i >= 0) {
        if (values[i] == value) {
          return this;
        }
        Object[] v = values.clone();
        v[i] = value;
        return new Leaf(hashes, keys, v);
      }
      if (keys.length >= LEAF_MAX && shift < Integer.SIZE) {
        Node branch = new Branch(new Node[MASK + 1], 0);
        for (int j = 0; j < keys.length; j++) {
          branch = branch.put(hashes[j], keys[j], values[j], shift);
        }
        return branch.put(hash, key, value, shift);
      }
      int n = keys.length;
      int[] h = Arrays.copyOf(hashes, n + 1);
      Object[] k = Arrays.copyOf(keys, n + 1);
      Object[] v = Arrays.copyOf(values, n + 1);
      h[n] = hash;
      k[n] = key;
      v[n] = value;
      return new Leaf(h, k, v);
    }

    @Override
    Node remove(int hash, Object key, int shift) {
      int i = indexOf(hash, key);
      if (i < 0) {
        return this;
      }
      if (keys.length == 1) {
        return null;
      }
      return new Leaf(removeAt(hashes, i), removeAt(keys, i), removeAt(values, i));
    }

    @Override
    int size() {
      return keys.length;
    }

    @Override
    void forEach(BiConsumer<Object, Object> action) {
      for (int i = 0; i < keys.length; i++) {
        action.accept(keys[i], values[i]);
      }
    }

    private static int[] removeAt(int[] a, int i) {
      int[] out = new int[a.length - 1];
      System.arraycopy(a, 0, out, 0, i);
      System.arraycopy(a, i + 1, out, i, a.length - i - 1);
      return out;
    }

    private static Object[] removeAt(Object[] a, int i) {
      Object[] out = new Object[a.length - 1];
      System.arraycopy(a, 0, out, 0, i);
      System.arraycopy(a, i + 1, out, i, a.length - i - 1);
      return out;
    }
  }

  /** 32 children (null = none), chosen by {@link #BITS} bits of the hash at this depth. */
  private static final class Branch extends Node {
    final Node[] children;
    final int size;

    Branch(Node[] children, int size) {
      this.children = children;
      this.size = size;
    }

    @Override
    Object get(int hash, Object key, int shift) {
      Node c = children[(hash >>> shift) & MASK];
      return c == null ? null : c.get(hash, key, shift + BITS);
    }

    @Override
    Node put(int hash, Object key, Object value, int shift) {
      int i = (hash >>> shift) & MASK;
      Node c = children[i];
      Node now =
          c == null
              ? EMPTY_LEAF.put(hash, key, value, shift + BITS)
              : c.put(hash, key, value, shift + BITS);
      if (now == c) {
        return this;
      }
      Node[] copy = children.clone();
      copy[i] = now;
      return new Branch(copy, size - (c == null ? 0 : c.size()) + now.size());
    }

    @Override
    Node remove(int hash, Object key, int shift) {
      int i = (hash >>> shift) & MASK;
      Node c = children[i];
      if (c == null) {
        return this;
      }
      Node now = c.remove(hash, key, shift + BITS);
      if (now == c) {
        return this;
      }
      int left = size - 1;
      if (left <= LEAF_MAX / 2) {
        return collapse(i, now);
      }
      Node[] copy = children.clone();
      copy[i] = now;
      return new Branch(copy, left);
    }

    /** A leaf of every entry, with child {@code i} replaced by {@code replaced}. */
    private Node collapse(int i, Node replaced) {
      Node[] copy = children.clone();
      copy[i] = replaced;
      int[] h = new int[size - 1];
      Object[] k = new Object[size - 1];
      Object[] v = new Object[size - 1];
      int[] n = {0};
      for (Node c : copy) {
        if (c != null) {
          collect(c, h, k, v, n);
        }
      }
      return n[0] == 0 ? null : new Leaf(h, k, v);
    }

    private static void collect(Node node, int[] h, Object[] k, Object[] v, int[] n) {
      if (node instanceof Leaf l) {
        System.arraycopy(l.hashes, 0, h, n[0], l.keys.length);
        System.arraycopy(l.keys, 0, k, n[0], l.keys.length);
        System.arraycopy(l.values, 0, v, n[0], l.keys.length);
        n[0] += l.keys.length;
      } else {
        for (Node c : ((Branch) node).children) {
          if (c != null) {
            collect(c, h, k, v, n);
          }
        }
      }
    }

    @Override
    int size() {
      return size;
    }

    @Override
    void forEach(BiConsumer<Object, Object> action) {
      for (Node c : children) {
        if (c != null) {
          c.forEach(action);
        }
      }
    }
  }

  /** Depth-first over the trie, one leaf at a time. */
  private static final class Entries<K, V> implements Iterator<Map.Entry<K, V>> {
    private final ArrayDeque<Node> pending = new ArrayDeque<>();
    private Leaf leaf = EMPTY_LEAF;
    private int next;

    Entries(Node root) {
      pending.push(root);
    }

    @Override
    public boolean hasNext() {
      while (next >= leaf.keys.length) {
        if (pending.isEmpty()) {
          return false;
        }
        Node n = pending.pop();
        if (n instanceof Leaf l) {
          leaf = l;
          next = 0;
        } else {
          Node[] children = ((Branch) n).children;
          for (int i = children.length - 1; i >= 0; i--) {
            if (children[i] != null) {
              pending.push(children[i]);
            }
          }
        }
      }
      return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map.Entry<K, V> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      int i = next++;
      return new AbstractMap.SimpleImmutableEntry<>((K) leaf.keys[i], (V) leaf.values[i]);
    }
  }
}

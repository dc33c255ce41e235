package io.ovneip.kubeapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NameIndexedStoreTest {
  private static AttributeSet key(String plural, String namespace, String name) {
    return new AttributeSet(
        new Attribute("plural", plural),
        new Attribute("namespace", namespace),
        new Attribute("name", name));
  }

  private static AttributeSet query(String plural, String namespace, String name) {
    return key(plural, namespace, name);
  }

  @Test
  void aNamedQueryFindsOnlyTheObjectsItMatches() {
    NameIndexedStore store = new NameIndexedStore();
    store.put(key("pods", "a", "p"), "pod a/p");
    store.put(key("pods", "b", "p"), "pod b/p");
    store.put(key("configmaps", "a", "p"), "cm a/p");
    store.put(key("pods", "a", "q"), "pod a/q");

    assertThat(store.candidates(query("pods", "b", "p")).orElseThrow())
        .containsExactly(key("pods", "b", "p"));
    assertThat(store.candidates(new AttributeSet(new Attribute("name", "p"))).orElseThrow())
        .containsExactly(key("pods", "a", "p"), key("pods", "b", "p"), key("configmaps", "a", "p"));
    assertThat(store.candidates(query("pods", "a", "missing")).orElseThrow()).isEmpty();
  }

  @Test
  void queriesWithoutOneExactNameAreNotAnswered() {
    NameIndexedStore store = new NameIndexedStore();
    store.put(key("pods", "a", "p"), "pod a/p");

    assertThat(store.candidates(new AttributeSet(new Attribute("plural", "pods")))).isEmpty();
    assertThat(
            store.candidates(new AttributeSet(new Attribute("name", "p", AttributeType.WITHOUT))))
        .isEmpty();
  }

  @Test
  void removedAndReplacedKeysLeaveTheIndex() {
    NameIndexedStore store = new NameIndexedStore();
    store.put(key("pods", "a", "p"), "v1");
    store.remove(key("pods", "a", "p"));
    assertThat(store.candidates(query("pods", "a", "p")).orElseThrow()).isEmpty();
    assertThat(store).isEmpty();

    store.put(key("pods", "a", "p"), "v2");
    store.put(key("pods", "a", "q"), "other");
    store.clear();
    assertThat(store.candidates(query("pods", "a", "p")).orElseThrow()).isEmpty();
    assertThat(store).isEmpty();
  }

  @Test
  void keepsInsertionOrderAndRefusesChangesBehindTheIndex() {
    NameIndexedStore store = new NameIndexedStore();
    store.put(key("pods", "a", "p"), "1");
    store.put(key("pods", "a", "q"), "2");
    store.remove(key("pods", "a", "p"));
    store.put(key("pods", "a", "p"), "3");

    assertThat(store.values()).containsExactly("2", "3");
    assertThatThrownBy(() -> store.entrySet().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> store.entrySet().iterator().next().setValue("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(Map.copyOf(store)).containsEntry(key("pods", "a", "q"), "2");
  }
}

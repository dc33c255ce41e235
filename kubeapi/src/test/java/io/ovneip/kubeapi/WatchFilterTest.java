package io.ovneip.kubeapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.mockwebserver.http.WebSocketListener;
import org.junit.jupiter.api.Test;

class WatchFilterTest {

  private final Json json = new Json();

  @Test
  void dropsTheReplayAtOrBelowTheRequestedResourceVersion() {
    WatchFilter filter = filter("", 10);

    assertThat(filter.rewrite(event("ADDED", "a", "n1", 9))).isNull();
    assertThat(filter.rewrite(event("ADDED", "b", "n1", 10))).isNull();
    assertThat(filter.rewrite(event("ADDED", "c", "n1", 11))).isNotNull();
    assertThat(type(filter.rewrite(event("MODIFIED", "a", "n1", 12)))).isEqualTo("MODIFIED");
  }

  @Test
  void keepsTheReplayWithoutAResourceVersion() {
    assertThat(filter("", -1).rewrite(event("ADDED", "a", "n1", 1))).isNotNull();
  }

  @Test
  void fieldSelectorTransitionsBecomeAddedAndDeleted() {
    WatchFilter filter = filter("spec.nodeName=n1", -1);

    assertThat(filter.rewrite(event("ADDED", "a", "n2", 1))).isNull();
    assertThat(type(filter.rewrite(event("MODIFIED", "a", "n1", 2)))).isEqualTo("ADDED");
    assertThat(type(filter.rewrite(event("MODIFIED", "a", "n1", 3)))).isEqualTo("MODIFIED");
    assertThat(type(filter.rewrite(event("MODIFIED", "a", "n2", 4)))).isEqualTo("DELETED");
    assertThat(filter.rewrite(event("MODIFIED", "a", "n2", 5))).isNull();
    assertThat(filter.rewrite(event("DELETED", "a", "n2", 5))).isNull();
  }

  @Test
  void aDeletedMatchingObjectIsReported() {
    WatchFilter filter = filter("spec.nodeName=n1", 10);

    assertThat(filter.rewrite(event("ADDED", "a", "n1", 5))).isNull();
    assertThat(type(filter.rewrite(event("DELETED", "a", "n1", 5)))).isEqualTo("DELETED");
  }

  private WatchFilter filter(String selector, long since) {
    return new WatchFilter(new WebSocketListener() {}, FieldSelector.parse(selector), since, json);
  }

  private static String event(String type, String name, String node, long rv) {
    return "{\"type\":\""
        + type
        + "\",\"object\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\""
        + name
        + "\",\"namespace\":\"default\",\"resourceVersion\":\""
        + rv
        + "\"},\"spec\":{\"nodeName\":\""
        + node
        + "\"}}}";
  }

  private String type(String event) {
    return json.read(event).path("type").asString();
  }
}

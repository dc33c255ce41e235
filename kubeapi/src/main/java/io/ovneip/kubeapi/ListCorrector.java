package io.ovneip.kubeapi;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Collection reads: LIST and WATCH.
 *
 * <p>Why: the mock names every list {@code kind: List}, which kubectl's typed decoding (used by
 * {@code describe}) rejects silently (trap 5), and it cannot evaluate field selectors beyond name
 * and namespace (trap 3). The field selector is therefore removed before the mock sees the request
 * and evaluated here, on lists and (through {@link WatchFilter}) on watches.
 */
final class ListCorrector {

  private final KubernetesCrudDispatcher crud;
  private final Json json;

  ListCorrector(KubernetesCrudDispatcher crud, Json json) {
    this.crud = crud;
    this.json = json;
  }

  MockResponse list(ResourcePath path, RequestTarget target) {
    FieldSelector selector = selector(target);
    MockResponse response = crud.handleGet(target.without("fieldSelector").toString());
    if (response.code() != 200) {
      return response;
    }
    JsonNode stored = json.read(MergePatcher.utf8(response.getBody()));
    ObjectNode list = json.object();
    list.put("kind", path.resource().kind() + "List");
    list.put("apiVersion", path.resource().apiVersion());
    ObjectNode metadata = list.putObject("metadata");
    metadata.put("resourceVersion", Json.text(stored, "metadata.resourceVersion"));
    ArrayNode items = list.putArray("items");
    for (JsonNode item : stored.path("items")) {
      if (selector.matches(item)) {
        items.add(item);
      }
    }
    return new MockResponse()
        .setResponseCode(200)
        .setHeader(Statuses.CONTENT_TYPE, Statuses.APPLICATION_JSON)
        .setBody(json.write(list));
  }

  MockResponse watch(RequestTarget target) {
    MockResponse response = crud.handleGet(target.without("fieldSelector").toString());
    if (response.getWebSocketListener() == null) {
      return response;
    }
    return response.withWebSocketUpgrade(
        new WatchFilter(
            response.getWebSocketListener(),
            selector(target),
            WatchFilter.sinceResourceVersion(target),
            json));
  }

  private static FieldSelector selector(RequestTarget target) {
    return target.param("fieldSelector").map(FieldSelector::parse).orElse(FieldSelector.EVERYTHING);
  }
}

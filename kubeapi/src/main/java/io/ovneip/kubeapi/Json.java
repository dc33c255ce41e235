package io.ovneip.kubeapi;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The one JSON codec of the embedded API (Jackson 3, as fabric8 8.0 and its mock use). */
final class Json {

  private final ObjectMapper mapper = JsonMapper.builder().build();

  JsonNode read(String text) {
    return mapper.readTree(text);
  }

  String write(JsonNode node) {
    return mapper.writeValueAsString(node);
  }

  ObjectNode object() {
    return mapper.createObjectNode();
  }

  /** The text at a dotted path ({@code metadata.name}), {@code ""} when absent or not a value. */
  static String text(JsonNode node, String dottedPath) {
    JsonNode current = node;
    for (String segment : dottedPath.split("\\.")) {
      current = current.path(segment);
    }
    return current.isValueNode() ? current.asString() : "";
  }
}

package io.ovneip.ovsdb.protocol.codec;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The one JSON mapper and node factory of the client (both thread-safe). */
public final class Json {
  public static final JsonMapper MAPPER = JsonMapper.builder().build();
  public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  public static ArrayNode array() {
    return NODES.arrayNode();
  }

  /** A two-element {@code [tag, value]} array, the shape of uuid, set and map on the wire. */
  static ArrayNode tagged(String tag, JsonNode value) {
    ArrayNode a = NODES.arrayNode(2);
    a.add(tag);
    a.add(value);
    return a;
  }

  public static byte[] write(JsonNode node) {
    return MAPPER.writeValueAsBytes(node);
  }

  public static JsonNode read(byte[] bytes, int offset, int length) {
    return MAPPER.readTree(new java.io.ByteArrayInputStream(bytes, offset, length));
  }

  public static JsonNode read(String text) {
    return MAPPER.readTree(text);
  }
}

package io.ovneip.kubeapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON merge patch exactly as RFC 7386 section 2 defines it, plus the reduction of a strategic
 * merge patch to one.
 *
 * <p>Why: the stock mock stores a {@code null} value instead of deleting the key and appends to
 * arrays instead of replacing them (trap 1), and rejects strategic merge patch with 415 (trap 2).
 * Pure functions: the inputs are never modified.
 */
final class JsonMergePatch {

  private JsonMergePatch() {}

  /**
   * RFC 7386 MergePatch(target, patch): an object patch merges key by key, a {@code null} member
   * removes the key, anything else (arrays included) replaces the target wholesale.
   */
  static JsonNode apply(JsonNode target, JsonNode patch) {
    if (patch == null || !patch.isObject()) {
      return patch == null ? JsonNodeFactory.instance.nullNode() : patch.deepCopy();
    }
    ObjectNode result =
        target != null && target.isObject()
            ? (ObjectNode) target.deepCopy()
            : JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> member : patch.properties()) {
      String key = member.getKey();
      JsonNode value = member.getValue();
      if (value.isNull()) {
        result.remove(key);
      } else {
        result.set(key, apply(result.get(key), value));
      }
    }
    return result;
  }

  /**
   * A strategic merge patch without its directives ({@code $patch}, {@code $retainKeys}, {@code
   * $setElementOrder/...}, {@code $deleteFromPrimitiveList/...}): what is left is applied as an RFC
   * 7386 merge patch. Lists with merge keys are therefore replaced rather than merged by key, which
   * is what annotations, labels and ConfigMap data need (see the notes' "still unsupported").
   */
  static JsonNode withoutDirectives(JsonNode patch) {
    if (patch.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> member : patch.properties()) {
        if (!member.getKey().startsWith("$")) {
          copy.set(member.getKey(), withoutDirectives(member.getValue()));
        }
      }
      return copy;
    }
    if (patch.isArray()) {
      List<JsonNode> items = new ArrayList<>();
      for (JsonNode item : patch) {
        // A list element that only carries a directive ({"$patch": "delete", ...}) has no RFC 7386
        // meaning; keep the element minus its directive keys.
        items.add(withoutDirectives(item));
      }
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      items.forEach(array::add);
      return array;
    }
    return patch.deepCopy();
  }
}

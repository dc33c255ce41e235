package io.ovneip.kubeapi;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The RFC 6902 JSON Patch that turns one document into another, at object granularity: objects are
 * compared member by member, anything else (arrays included) is replaced whole — the same structure
 * RFC 7386 produces, so the patch of a merge is exactly the merge.
 *
 * <p>Why not zjsonpatch's diff: its array diff emits index-based moves and copies, and the mock's
 * JSON Patch handler only prepares the parents of {@code path} (not {@code from}); emitting only
 * add/remove/replace on existing parents keeps every operation applicable.
 */
final class JsonPatchDiff {

  private JsonPatchDiff() {}

  static ArrayNode diff(JsonNode source, JsonNode target) {
    ArrayNode ops = JsonNodeFactory.instance.arrayNode();
    diff("", source, target, ops);
    return ops;
  }

  private static void diff(String path, JsonNode source, JsonNode target, ArrayNode ops) {
    if (source.equals(target)) {
      return;
    }
    if (!source.isObject() || !target.isObject()) {
      ops.addObject().put("op", "replace").put("path", path).set("value", target.deepCopy());
      return;
    }
    for (Map.Entry<String, JsonNode> member : source.properties()) {
      if (!target.has(member.getKey())) {
        ops.addObject().put("op", "remove").put("path", path + "/" + escape(member.getKey()));
      }
    }
    for (Map.Entry<String, JsonNode> member : target.properties()) {
      String child = path + "/" + escape(member.getKey());
      JsonNode before = source.get(member.getKey());
      if (before == null) {
        ops.addObject()
            .put("op", "add")
            .put("path", child)
            .set("value", member.getValue().deepCopy());
      } else {
        diff(child, before, member.getValue(), ops);
      }
    }
  }

  /** RFC 6901 section 3: "~" is written "~0" and "/" is written "~1". */
  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}

package io.ovneip.controller.kube;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds RFC 6902 JSON Patch documents. We patch with JSON Patch rather than merge patch: the
 * embedded API's stock merge patch stores {@code null} instead of deleting a key (sandbox-api-notes
 * trap 1), and a {@code test} op on the resourceVersion turns a lost update into a 409 the queue
 * retries.
 */
final class JsonPatches {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private JsonPatches() {}

  /** The JSON Pointer (RFC 6901) token of a key: '~' and '/' escaped. */
  static String pointerToken(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  static Map<String, Object> test(String path, Object value) {
    return Map.of("op", "test", "path", path, "value", value);
  }

  static Map<String, Object> add(String path, Object value) {
    return Map.of("op", "add", "path", path, "value", value);
  }

  static Map<String, Object> remove(String path) {
    return Map.of("op", "remove", "path", path);
  }

  static String toJson(List<Map<String, Object>> ops) {
    return JSON.writeValueAsString(ops);
  }
}

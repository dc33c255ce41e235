package io.ovneip.kubeapi;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * JSON merge patch and strategic merge patch, done right on top of the mock's correct JSON Patch.
 *
 * <p>Why: the mock stores nulls and appends arrays on merge patch (trap 1) and refuses strategic
 * merge patch (trap 2). This reads the stored object, applies the patch as RFC 7386 (strategic
 * directives dropped), and forwards the difference as a JSON Patch, so the mock still does the
 * resourceVersion check (409 on a stale {@code metadata.resourceVersion} in the patch), bumps the
 * resourceVersion and notifies watchers. The caller holds the write lock across the read and the
 * write.
 */
final class MergePatcher {

  static final String JSON_PATCH = "application/json-patch+json";
  static final String MERGE_PATCH = "application/merge-patch+json";
  static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";

  private final KubernetesCrudDispatcher crud;
  private final Json json;
  private final Statuses statuses;

  MergePatcher(KubernetesCrudDispatcher crud, Json json, Statuses statuses) {
    this.crud = crud;
    this.json = json;
    this.statuses = statuses;
  }

  static boolean handles(String contentType) {
    String type = contentType == null ? "" : contentType.split(";")[0].trim();
    return type.equals(MERGE_PATCH) || type.equals(STRATEGIC_MERGE_PATCH);
  }

  MockResponse patch(RecordedRequest request, ResourcePath path, RequestTarget target) {
    MockResponse stored = crud.handleGet(path.objectPath());
    if (stored.code() != 200) {
      return statuses.notFound(path);
    }
    JsonNode current = json.read(utf8(stored.getBody()));
    JsonNode patch;
    try {
      patch = json.read(request.getUtf8Body());
    } catch (JacksonException e) {
      return statuses.failure(400, "BadRequest", "invalid patch: " + e.getOriginalMessage());
    }
    if (!patch.isObject()) {
      return statuses.failure(400, "BadRequest", "a merge patch must be a JSON object");
    }
    if (request.getHeader(Statuses.CONTENT_TYPE).startsWith(STRATEGIC_MERGE_PATCH)) {
      patch = JsonMergePatch.withoutDirectives(patch);
    }
    ArrayNode ops = JsonPatchDiff.diff(current, JsonMergePatch.apply(current, patch));
    if (ops.isEmpty()) {
      // A no-op patch changes nothing, not even the resourceVersion, as in the real API.
      return new MockResponse().setResponseCode(200).setBody(utf8(stored.getBody()));
    }
    RecordedRequest jsonPatch =
        new RecordedRequest(
            "HTTP/1.1",
            HttpMethod.PATCH,
            target.toString(),
            Headers.builder().add(Statuses.CONTENT_TYPE, JSON_PATCH).build(),
            new Buffer(json.write(ops).getBytes(StandardCharsets.UTF_8)));
    return crud.handlePatch(jsonPatch);
  }

  static String utf8(Buffer body) {
    return body == null ? "" : new String(body.getBytes(), StandardCharsets.UTF_8);
  }
}

package io.ovneip.kubeapi;

import io.fabric8.mockwebserver.http.MockResponse;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code meta/v1 Status} responses. kubectl prints {@code Error from server (REASON): MESSAGE} from
 * these; an empty body gives the user nothing (the stock mock answers an unknown object with an
 * empty 404 and a conflict without a reason, traps 4 and 5).
 */
final class Statuses {

  static final String CONTENT_TYPE = "Content-Type";
  static final String APPLICATION_JSON = "application/json";

  private final Json json;

  Statuses(Json json) {
    this.json = json;
  }

  MockResponse failure(int code, String reason, String message) {
    ObjectNode status = body(code, reason, message);
    return new MockResponse()
        .setResponseCode(code)
        .setHeader(CONTENT_TYPE, APPLICATION_JSON)
        .setBody(json.write(status));
  }

  MockResponse notFound(ResourcePath path) {
    String what =
        path.name() == null
            ? path.resource().plural()
            : path.resource().plural() + " \"" + path.name() + "\"";
    ObjectNode status = body(404, "NotFound", what + " not found");
    ObjectNode details = status.putObject("details");
    if (path.name() != null) {
      details.put("name", path.name());
    }
    details.put("group", path.resource().group());
    details.put("kind", path.resource().plural());
    return new MockResponse()
        .setResponseCode(404)
        .setHeader(CONTENT_TYPE, APPLICATION_JSON)
        .setBody(json.write(status));
  }

  ObjectNode body(int code, String reason, String message) {
    ObjectNode status = json.object();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure");
    status.put("message", message);
    status.put("reason", reason);
    status.put("code", code);
    return status;
  }
}

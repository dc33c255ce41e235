package io.ovneip.kubeapi;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatchException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The mock's dispatcher, wrapped so that real kubectl and fabric8 clients get what a real API
 * server would answer. Routing only; each correction lives in its own class ({@link Discovery},
 * {@link ListCorrector}, {@link MergePatcher}, {@link WatchFilter}).
 *
 * <p>Runs on the mock's Vert.x event loop: nothing here blocks for long, and nothing may throw (an
 * exception there leaves the request unanswered, trap 6), so every failure becomes a Status.
 */
final class CorrectingDispatcher extends Dispatcher {

  private final KubernetesCrudDispatcher crud;
  private final KubeResources resources;
  private final Json json = new Json();
  private final Statuses statuses = new Statuses(json);
  private final Discovery discovery;
  private final ListCorrector lists;
  private final MergePatcher patcher;

  /**
   * Serialises every write. A merge patch is a read followed by a JSON Patch; no other write may
   * slip in between, or its change would be silently undone.
   */
  private final ReentrantLock writeLock = new ReentrantLock();

  private final AtomicLong refusedPatches = new AtomicLong();
  private final Deletions deletions = new Deletions();

  CorrectingDispatcher(KubernetesCrudDispatcher crud, KubeResources resources, String gitVersion) {
    this.crud = crud;
    this.resources = resources;
    this.discovery = new Discovery(resources, json, gitVersion);
    this.lists = new ListCorrector(crud, json);
    this.patcher = new MergePatcher(crud, json, statuses);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    try {
      return dispatchChecked(request);
    } catch (JsonPatchException e) {
      refusedPatches.incrementAndGet();
      // A JSON Patch that does not apply (a failed "test", removing a missing key) is the client's
      // error: the real API server answers 422, which clients do not retry; a 500 they would.
      return statuses.failure(422, "Invalid", "the JSON patch does not apply: " + e.getMessage());
    } catch (RuntimeException e) {
      return statuses.failure(500, "InternalError", "embedded API: " + e);
    }
  }

  private MockResponse dispatchChecked(RecordedRequest request) {
    String contentType = Optional.ofNullable(request.getHeader(Statuses.CONTENT_TYPE)).orElse("");
    if (contentType.contains("protobuf")) {
      // Trap 6: a protobuf body makes the mock throw on its event loop and never answer.
      return statuses.failure(
          415,
          "UnsupportedMediaType",
          "the embedded API speaks JSON only; for `kubectl create` use"
              + " `--dry-run=client -o yaml | kubectl apply -f -`");
    }
    RequestTarget target = RequestTarget.of(request.getPath());
    String method = request.getMethod();
    if (method.equals("GET")) {
      Optional<MockResponse> nonResource = discovery.answer(target.path());
      if (nonResource.isPresent()) {
        return nonResource.get();
      }
    }
    Optional<ResourcePath> parsed = ResourcePath.parse(target.path(), resources);
    if (parsed.isEmpty()) {
      return statuses.failure(404, "NotFound", "the server could not find the requested resource");
    }
    ResourcePath path = parsed.get();
    return finish(request, path, route(request, method, contentType, path, target));
  }

  private MockResponse route(
      RecordedRequest request,
      String method,
      String contentType,
      ResourcePath path,
      RequestTarget target) {
    switch (method) {
      case "GET":
        if (path.isCollection() && target.flag("watch")) {
          return lists.watch(target);
        }
        return path.isCollection() ? lists.list(path, target) : crud.handleGet(target.toString());
      case "POST":
        return locked(() -> crud.handleCreate(request));
      case "PUT":
        return locked(() -> crud.handleUpdate(request));
      case "DELETE":
        return locked(
            () -> {
              MockResponse r = crud.handleDelete(target.toString());
              if (r.code() == 200) {
                // A deletion takes a resourceVersion of its own, as in the real API: a watch
                // resumed from any earlier one must learn of it (Deletions).
                deletions.record(path.resource(), crud.requestResourceVersion());
              }
              return r;
            });
      case "PATCH":
        if (path.isCollection()) {
          return statuses.failure(405, "MethodNotAllowed", "PATCH needs an object name");
        }
        if (MergePatcher.handles(contentType)) {
          return locked(() -> patcher.patch(request, path, target));
        }
        if (contentType.startsWith(MergePatcher.JSON_PATCH)) {
          return locked(() -> crud.handlePatch(request));
        }
        // Server-side apply (application/apply-patch+yaml) and anything else.
        return statuses.failure(
            415, "UnsupportedMediaType", "unsupported patch type " + contentType);
      default:
        return statuses.failure(405, "MethodNotAllowed", method + " is not supported");
    }
  }

  private MockResponse locked(Supplier<MockResponse> write) {
    writeLock.lock();
    try {
      return write.get();
    } finally {
      writeLock.unlock();
    }
  }

  /** Status bodies, status codes and the Content-Type header the way clients expect them. */
  private MockResponse finish(RecordedRequest request, ResourcePath path, MockResponse response) {
    if (response.getWebSocketListener() != null) {
      return response;
    }
    int code = response.code();
    String body = MergePatcher.utf8(response.getBody());
    if (code == 404 && body.isEmpty()) {
      return statuses.notFound(path);
    }
    if (code == 409) {
      return conflict(request, body);
    }
    if (code == 202 && request.getMethod().equals("PATCH")) {
      // The mock answers a patch with 202; the real API says 200.
      response.setResponseCode(200);
    }
    if (response.getHeaders().header(Statuses.CONTENT_TYPE) == null) {
      // Trap 5: without a Content-Type kubectl cannot decode the body.
      response.setHeader(Statuses.CONTENT_TYPE, Statuses.APPLICATION_JSON);
    }
    return response;
  }

  /** A 409 with the reason kubectl and fabric8 branch on (they retry on Conflict). */
  private MockResponse conflict(RecordedRequest request, String body) {
    String reason = request.getMethod().equals("POST") ? "AlreadyExists" : "Conflict";
    ObjectNode status;
    JsonNode parsed = body.isEmpty() ? null : json.read(body);
    if (parsed != null && parsed.isObject() && "Status".equals(parsed.path("kind").asString())) {
      status = (ObjectNode) parsed;
      status.put("reason", reason);
      status.put("code", 409);
      status.put("status", "Failure");
    } else {
      status = statuses.body(409, reason, body.isEmpty() ? "conflict" : body);
    }
    return new MockResponse()
        .setResponseCode(409)
        .setHeader(Statuses.CONTENT_TYPE, Statuses.APPLICATION_JSON)
        .setBody(json.write(status));
  }

  /** Deletions by kind: a watch resumed from before one is answered 410 Gone. */
  Deletions deletions() {
    return deletions;
  }

  /** JSON Patches answered 422 so far (a failed {@code test}: a lost race, for guarded writes). */
  long refusedPatches() {
    return refusedPatches.get();
  }

  @Override
  public void shutdown() {
    crud.shutdown();
  }
}

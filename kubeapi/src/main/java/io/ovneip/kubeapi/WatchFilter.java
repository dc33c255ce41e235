package io.ovneip.kubeapi;

import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.ovneip.runtime.Threads;
import java.util.HashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sits between the mock's watch listener and the WebSocket and turns the mock's event stream into
 * the one the real API would send.
 *
 * <ul>
 *   <li>The mock replays every stored object as ADDED when a watch opens (trap 8): replayed objects
 *       at or below the requested {@code resourceVersion} are dropped, so {@code kubectl get -w}
 *       does not print the list twice and a resumed informer sees no phantom adds.
 *   <li>Field selectors are evaluated here (trap 3), with the real API's transitions: an object
 *       that starts matching arrives as ADDED, one that stops matching leaves as DELETED.
 * </ul>
 */
final class WatchFilter extends WebSocketListener {

  private final WebSocketListener delegate;
  private final FieldSelector selector;
  private final long sinceResourceVersion;
  private final Json json;
  private final Set<String> matching = new HashSet<>();
  private FilteringSocket socket;

  /**
   * @param sinceResourceVersion the requested resourceVersion, or -1 to keep the replay (no
   *     resourceVersion or "0": the real API then starts with synthetic ADDED events too)
   */
  WatchFilter(
      WebSocketListener delegate, FieldSelector selector, long sinceResourceVersion, Json json) {
    this.delegate = delegate;
    this.selector = selector;
    this.sinceResourceVersion = sinceResourceVersion;
    this.json = json;
  }

  static long sinceResourceVersion(RequestTarget target) {
    String rv = target.param("resourceVersion").orElse("");
    try {
      return rv.isEmpty() ? -1 : Long.parseLong(rv);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private synchronized WebSocket wrap(WebSocket webSocket) {
    if (socket == null || socket.delegate != webSocket) {
      socket = new FilteringSocket(webSocket);
    }
    return socket;
  }

  @Override
  public void onBeforeAccept(WebSocket webSocket, Response response) {
    delegate.onBeforeAccept(wrap(webSocket), response);
  }

  @Override
  public void onOpen(WebSocket webSocket, Response response) {
    delegate.onOpen(wrap(webSocket), response);
  }

  @Override
  public void onMessage(WebSocket webSocket, String text) {
    delegate.onMessage(wrap(webSocket), text);
  }

  @Override
  public void onMessage(WebSocket webSocket, byte[] bytes) {
    delegate.onMessage(wrap(webSocket), bytes);
  }

  @Override
  public void onPing(WebSocket webSocket, byte[] bytes) {
    delegate.onPing(wrap(webSocket), bytes);
  }

  @Override
  public void onClosing(WebSocket webSocket, int code, String reason) {
    delegate.onClosing(wrap(webSocket), code, reason);
  }

  @Override
  public void onClosed(WebSocket webSocket, int code, String reason) {
    WebSocket wrapped = wrap(webSocket);
    offEventLoop(() -> delegate.onClosed(wrapped, code, reason));
  }

  @Override
  public void onFailure(WebSocket webSocket, Throwable t, Response response) {
    WebSocket wrapped = wrap(webSocket);
    offEventLoop(() -> delegate.onFailure(wrapped, t, response));
  }

  /**
   * The mock's listener waits, in {@code onClosed} and {@code onFailure}, up to a minute for its
   * sender to stop, and both are called on the mock's only event loop: every other request of the
   * API stalls meanwhile (seen: 13 s). They run on a thread of their own instead.
   */
  private static void offEventLoop(Runnable closing) {
    Threads.daemonThread("kubeapi-watch-closer", closing).start();
  }

  /** The event to send instead of {@code event}, or {@code null} to drop it. */
  synchronized String rewrite(String event) {
    JsonNode node = json.read(event);
    String type = node.path("type").asString();
    JsonNode object = node.path("object");
    String key = Json.text(object, "metadata.namespace") + "/" + Json.text(object, "metadata.name");
    boolean matches = selector.matches(object);
    switch (type) {
      case "ADDED":
        if (!matches) {
          return null;
        }
        matching.add(key);
        return replayed(object) ? null : event;
      case "MODIFIED":
        if (matches) {
          return matching.add(key) ? withType(node, "ADDED") : event;
        }
        return matching.remove(key) ? withType(node, "DELETED") : null;
      case "DELETED":
        return matching.remove(key) || matches ? event : null;
      default:
        return event;
    }
  }

  private boolean replayed(JsonNode object) {
    if (sinceResourceVersion < 0) {
      return false;
    }
    try {
      return Long.parseLong(Json.text(object, "metadata.resourceVersion")) <= sinceResourceVersion;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private String withType(JsonNode event, String type) {
    ObjectNode copy = (ObjectNode) event.deepCopy();
    copy.put("type", type);
    return json.write(copy);
  }

  private final class FilteringSocket implements WebSocket {
    private final WebSocket delegate;

    FilteringSocket(WebSocket delegate) {
      this.delegate = delegate;
    }

    @Override
    public RecordedRequest request() {
      return delegate.request();
    }

    @Override
    public boolean send(String text) {
      String rewritten = rewrite(text);
      return rewritten == null || delegate.send(rewritten);
    }

    @Override
    public boolean send(byte[] bytes) {
      return delegate.send(bytes);
    }

    @Override
    public boolean close(int code, String reason) {
      return delegate.close(code, reason);
    }
  }
}

package io.ovneip.kubeapi;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One watch: a WebSocket watch on the mock, streamed to the client as a chunked HTTP response of
 * newline-delimited JSON events.
 *
 * <p>Why: the mock serves watches only as WebSocket upgrades, but kubectl (client-go) watches over
 * a plain long-lived GET (trap 7). The replay and field-selector corrections already happened in
 * the mock's dispatcher ({@link WatchFilter}); this class only changes the framing, honours {@code
 * timeoutSeconds}, and sends a BOOKMARK heartbeat when the client allowed bookmarks, which is how a
 * vanished client is noticed between events.
 */
final class WatchBridge implements WebSocket.Listener, AutoCloseable {

  /** Marks the end of the stream in the queue. */
  private static final String END = "";

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration HEARTBEAT = Duration.ofSeconds(15);

  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  private final StringBuilder partial = new StringBuilder();
  private final ResourcePath path;
  private final Json json;
  private volatile WebSocket webSocket;
  private volatile String lastResourceVersion;

  WatchBridge(ResourcePath path, String requestedResourceVersion, Json json) {
    this.path = path;
    this.lastResourceVersion = requestedResourceVersion;
    this.json = json;
  }

  /** Runs the watch until it times out, the mock ends it, the client goes away or close(). */
  void run(HttpClient http, URI watchUri, HttpExchange exchange, RequestTarget target)
      throws IOException, InterruptedException {
    try {
      webSocket =
          http.newWebSocketBuilder()
              .connectTimeout(CONNECT_TIMEOUT)
              .buildAsync(watchUri, this)
              .get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("watch on the mock failed: " + e, e);
    }
    boolean bookmarks = target.flag("allowWatchBookmarks");
    Optional<Instant> deadline =
        target.param("timeoutSeconds").map(s -> Instant.now().plusSeconds(Long.parseLong(s)));
    exchange.getResponseHeaders().set(Statuses.CONTENT_TYPE, Statuses.APPLICATION_JSON);
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      stream(out, bookmarks, deadline);
    } catch (IOException clientGone) {
      // The client closed its end; nothing to tell it.
    } finally {
      close();
    }
  }

  private void stream(OutputStream out, boolean bookmarks, Optional<Instant> deadline)
      throws IOException, InterruptedException {
    while (true) {
      long left =
          deadline.map(d -> Duration.between(Instant.now(), d).toMillis()).orElse(Long.MAX_VALUE);
      if (left <= 0) {
        return;
      }
      String event = events.poll(Math.min(left, HEARTBEAT.toMillis()), TimeUnit.MILLISECONDS);
      if (event == null) {
        if (bookmarks && !lastResourceVersion.isEmpty()) {
          write(out, bookmark());
        }
        continue;
      }
      if (event.equals(END)) {
        return;
      }
      String rv = Json.text(json.read(event), "object.metadata.resourceVersion");
      if (!rv.isEmpty()) {
        lastResourceVersion = rv;
      }
      write(out, event);
    }
  }

  private static void write(OutputStream out, String event) throws IOException {
    out.write((event + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private String bookmark() {
    return "{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\""
        + path.resource().kind()
        + "\",\"apiVersion\":\""
        + path.resource().apiVersion()
        + "\",\"metadata\":{\"resourceVersion\":\""
        + lastResourceVersion
        + "\"}}}";
  }

  @Override
  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    synchronized (partial) {
      partial.append(data);
      if (last) {
        String event = partial.toString();
        partial.setLength(0);
        if (!event.isBlank()) {
          events.add(event);
        }
      }
    }
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
    events.add(END);
    return null;
  }

  @Override
  public void onError(WebSocket ws, Throwable error) {
    events.add(END);
  }

  /** Ends the stream and the WebSocket on the mock (which then frees its watch thread). */
  @Override
  public void close() {
    events.add(END);
    WebSocket ws = webSocket;
    if (ws != null && !ws.isOutputClosed()) {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "watch ended")
          .orTimeout(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
          .whenComplete((w, e) -> ws.abort());
    }
  }
}

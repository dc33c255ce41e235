package io.ovneip.kubeapi;

import com.sun.net.httpserver.HttpExchange;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Answers one plain (non-watch) HTTP exchange of the front by calling the mock's dispatcher in this
 * thread, as the mock's own web server would.
 *
 * <p>Why not forward it over HTTP to the mock's port: that second hop (an HTTP client here, the
 * mock's Vert.x server there) cost as much CPU as the request itself, and the mock serves every
 * request on one event-loop thread, so all clients queued behind each other there; its web server
 * also keeps every request it ever received. Called here, requests run on the front's handler
 * threads; the dispatcher serialises writes itself.
 */
final class LocalDispatch {

  /** Hop-by-hop headers, and those {@link HttpExchange} computes itself. */
  private static final Set<String> NOT_COPIED =
      Set.of(
          "connection",
          "content-length",
          "keep-alive",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "proxy-connection");

  private final Dispatcher dispatcher;

  LocalDispatch(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  /** The method as the mock knows it; empty for one it has no name for (e.g. HEAD). */
  static Optional<HttpMethod> method(String name) {
    return Arrays.stream(HttpMethod.values())
        .filter(m -> m != HttpMethod.ANY && m.name().equals(name))
        .findFirst();
  }

  void answer(HttpExchange exchange, HttpMethod method, String target) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    Headers.Builder headers = Headers.builder();
    for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
      header.getValue().forEach(v -> headers.add(header.getKey(), v));
    }
    MockResponse response =
        dispatcher.dispatch(
            new RecordedRequest("HTTP/1.1", method, target, headers.build(), new Buffer(body)));
    response
        .getHeaders()
        .toMultimap()
        .forEach(
            (name, values) -> {
              if (!NOT_COPIED.contains(name.toLowerCase(Locale.ROOT))) {
                exchange.getResponseHeaders().put(name, values);
              }
            });
    byte[] answer = response.getBody() == null ? new byte[0] : response.getBody().getBytes();
    exchange.sendResponseHeaders(response.code(), answer.length == 0 ? -1 : answer.length);
    if (answer.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    }
  }
}

package io.ovneip.kubeapi;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Forwards one plain (non-watch) HTTP exchange from the front to the mock and copies the answer.
 */
final class Forwarder {

  /** Hop-by-hop headers, plus those java.net.http refuses to set itself. */
  private static final Set<String> NOT_FORWARDED =
      Set.of(
          "connection",
          "content-length",
          "expect",
          "host",
          "upgrade",
          "keep-alive",
          "te",
          "trailer",
          "transfer-encoding",
          "proxy-connection",
          "http2-settings",
          // Bodies are copied verbatim; no compression between two loopback sockets.
          "accept-encoding");

  private final HttpClient http;
  private final URI backend;
  private final Duration timeout;

  Forwarder(HttpClient http, URI backend, Duration timeout) {
    this.http = http;
    this.backend = backend;
    this.timeout = timeout;
  }

  void forward(HttpExchange exchange, String target) throws IOException, InterruptedException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(backend.resolve(target))
            .timeout(timeout)
            .method(
                exchange.getRequestMethod(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
      if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
        header.getValue().forEach(v -> request.header(header.getKey(), v));
      }
    }
    HttpResponse<byte[]> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
              }
            });
    byte[] answer = response.body();
    exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
    if (answer.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    }
  }
}

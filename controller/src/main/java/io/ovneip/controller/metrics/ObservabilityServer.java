package io.ovneip.controller.metrics;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * Serves {@code /metrics} (Prometheus text), {@code /healthz} (the process works: its loops are
 * alive) and {@code /readyz} (its connections to the API server and the database are up).
 */
public final class ObservabilityServer implements AutoCloseable {
  private final HTTPServer server;

  private ObservabilityServer(HTTPServer server) {
    this.server = server;
  }

  /** Starts on {@code host:port} (port 0 picks a free one). */
  public static ObservabilityServer start(
      String hostPort, PrometheusRegistry registry, BooleanSupplier healthy, BooleanSupplier ready)
      throws IOException {
    int colon = hostPort.lastIndexOf(':');
    String host = colon <= 0 ? "0.0.0.0" : hostPort.substring(0, colon);
    int port = Integer.parseInt(hostPort.substring(colon + 1));
    HTTPServer server =
        HTTPServer.builder()
            .hostname(host)
            .port(port)
            .registry(registry)
            .registerHealthHandler(false)
            .defaultHandler(exchange -> probe(exchange, healthy, ready))
            .buildAndStart();
    return new ObservabilityServer(server);
  }

  public int port() {
    return server.getPort();
  }

  private static void probe(HttpExchange exchange, BooleanSupplier healthy, BooleanSupplier ready)
      throws IOException {
    String path = exchange.getRequestURI().getPath();
    int status;
    String body;
    if (path.equals("/healthz")) {
      boolean ok = healthy.getAsBoolean();
      status = ok ? 200 : 503;
      body = ok ? "ok\n" : "unhealthy\n";
    } else if (path.equals("/readyz")) {
      boolean ok = ready.getAsBoolean();
      status = ok ? 200 : 503;
      body = ok ? "ok\n" : "not ready\n";
    } else {
      status = 404;
      body = "try /metrics, /healthz or /readyz\n";
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}

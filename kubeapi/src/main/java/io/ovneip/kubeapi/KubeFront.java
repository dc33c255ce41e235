package io.ovneip.kubeapi;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.ovneip.runtime.Threads;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The public port of the embedded API: answers every request through the mock's dispatcher, in
 * process ({@link LocalDispatch}), and serves watches as plain chunked HTTP (trap 7), bridged from
 * a WebSocket watch on the mock's own port.
 *
 * <p>The bridging client is pinned to HTTP/1.1: with HTTP/2 all watches share one connection and a
 * single stuck one stalls every other one. Every call it makes has a timeout.
 */
final class KubeFront implements AutoCloseable {

  private static final String NO_DELAY = "sun.net.httpserver.nodelay";
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final int MAX_CONCURRENT_EXCHANGES = 256;

  private final HttpServer server;
  private final ExecutorService handlers;
  private final ExecutorService clientThreads;
  private final HttpClient http;
  private final LocalDispatch local;
  private final URI backend;
  private final KubeResources resources;
  private final Json json = new Json();
  private final Statuses statuses = new Statuses(json);
  private final Set<WatchBridge> watches = ConcurrentHashMap.newKeySet();
  private final Deletions deletions;

  private KubeFront(
      HttpServer server,
      int backendPort,
      KubeResources resources,
      Dispatcher dispatcher,
      Deletions deletions) {
    this.server = server;
    this.deletions = deletions;
    this.resources = resources;
    this.backend = URI.create("http://127.0.0.1:" + backendPort);
    this.handlers = pool("kube-front", MAX_CONCURRENT_EXCHANGES);
    this.clientThreads = pool("kube-front-client", MAX_CONCURRENT_EXCHANGES);
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .executor(clientThreads)
            .build();
    this.local = new LocalDispatch(dispatcher);
  }

  /**
   * Binds 127.0.0.1:port (0 = any free port) and starts serving: plain requests through {@code
   * dispatcher}, watches from the mock on {@code backendPort} (where the same dispatcher serves).
   */
  static KubeFront start(
      int port,
      int backendPort,
      KubeResources resources,
      Dispatcher dispatcher,
      Deletions deletions)
      throws IOException {
    // The JDK's server writes a response's headers and body separately and leaves Nagle's
    // algorithm on, unless told otherwise: the body then waits for the client's delayed ACK
    // (40 ms on Linux), and each request took 40-80 ms on an idle machine. Read once per JVM, when
    // its first HttpServer starts; an explicit setting wins.
    if (System.getProperty(NO_DELAY) == null) {
      System.setProperty(NO_DELAY, "true");
    }
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    KubeFront front = new KubeFront(server, backendPort, resources, dispatcher, deletions);
    server.createContext("/", front::handle);
    server.setExecutor(front.handlers);
    server.start();
    return front;
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) {
    try {
      String rawQuery = exchange.getRequestURI().getRawQuery();
      String target =
          exchange.getRequestURI().getRawPath() + (rawQuery == null ? "" : "?" + rawQuery);
      RequestTarget parsed = RequestTarget.of(target);
      Optional<HttpMethod> method = LocalDispatch.method(exchange.getRequestMethod());
      if (method.isEmpty()) {
        fail(exchange, 405, "MethodNotAllowed", exchange.getRequestMethod() + " is not supported");
      } else if (method.get() == HttpMethod.GET && parsed.flag("watch")) {
        watch(exchange, parsed);
      } else {
        local.answer(exchange, method.get(), target);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      fail(exchange, 503, "ServiceUnavailable", "embedded API front: " + e);
    } finally {
      exchange.close();
    }
  }

  private void watch(HttpExchange exchange, RequestTarget target)
      throws IOException, InterruptedException {
    String upgrade =
        Optional.ofNullable(exchange.getRequestHeaders().getFirst("Upgrade")).orElse("");
    if (upgrade.toLowerCase(Locale.ROOT).contains("websocket")) {
      // This front cannot upgrade. fabric8 falls back to an HTTP watch when the handshake is
      // answered 200 or 503, but retries a 503 with backoff first (about 20 s): answer 200.
      exchange.sendResponseHeaders(200, -1);
      return;
    }
    Optional<ResourcePath> path = ResourcePath.parse(target.path(), resources);
    if (path.isEmpty()) {
      fail(exchange, 404, "NotFound", "the server could not find the requested resource");
      return;
    }
    if (deletions.since(path.get().resource(), WatchFilter.sinceResourceVersion(target))) {
      fail(
          exchange,
          410,
          "Expired",
          "too old resource version: objects were deleted since; list again");
      return;
    }
    WatchBridge bridge =
        new WatchBridge(path.get(), target.param("resourceVersion").orElse(""), json);
    watches.add(bridge);
    try {
      bridge.run(
          http, URI.create("ws://127.0.0.1:" + backend.getPort() + target), exchange, target);
    } finally {
      watches.remove(bridge);
    }
  }

  private void fail(HttpExchange exchange, int code, String reason, String message) {
    try {
      byte[] body =
          json.write(statuses.body(code, reason, message)).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set(Statuses.CONTENT_TYPE, Statuses.APPLICATION_JSON);
      exchange.sendResponseHeaders(code, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } catch (IOException | RuntimeException alreadyAnswered) {
      // Headers were already sent (a watch that failed midway): closing the exchange is all.
    }
  }

  /**
   * Ends every open watch, as an API server restart or a load balancer's idle timeout does: each
   * client sees its stream end and must watch again (from its last resourceVersion, or list).
   * Returns how many were open.
   */
  int dropWatches() {
    int n = 0;
    for (WatchBridge w : watches) {
      w.close();
      n++;
    }
    return n;
  }

  @Override
  public void close() {
    watches.forEach(WatchBridge::close);
    server.stop(1);
    handlers.shutdownNow();
    clientThreads.shutdownNow();
    try {
      handlers.awaitTermination(5, TimeUnit.SECONDS);
      clientThreads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ExecutorService pool(String prefix, int max) {
    return new ThreadPoolExecutor(
        0, max, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), Threads.daemon(prefix));
  }
}

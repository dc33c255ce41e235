package io.ovneip.ovsdb.client;

import io.ovneip.ovsdb.protocol.codec.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One JSON-RPC 1.0 session over one transport (RFC 7047 section 4): the only code that reads or
 * writes a socket. A dedicated reader thread frames messages and demultiplexes them from the first
 * byte: responses complete pending calls by id; {@code echo} requests are answered at once;
 * notifications ({@code update}, {@code update2}, {@code update3}, {@code locked}, {@code stolen})
 * go to the {@link Listener} on the reader thread, in arrival order. Any failure closes the
 * connection and fails every pending call with an {@link OvsdbConnectionException}; a closed
 * connection is never reused.
 */
final class Connection {
  private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

  /** Receives what the server initiates, and the connection's end. */
  interface Listener {
    /** On the reader thread; must not block. */
    void onNotification(Connection connection, String method, JsonNode params);

    void onClosed(Connection connection, OvsdbException cause);
  }

  private final Remote remote;
  private final Transport transport;
  private final Listener listener;
  private final JsonFramer framer;
  private final Map<Long, Call> pending = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Writes happen on this connection's own thread, never the caller's: an NIO channel is closed
   * when a thread blocked in (or entering) a write is interrupted, so a caller that was interrupted
   * elsewhere (an HTTP client timing out, a cancelled task) would otherwise cut the connection for
   * everyone. One thread also keeps messages in order.
   */
  private final ExecutorService writer;

  private final long openedAt = System.nanoTime();
  private volatile long lastReceived = openedAt;
  private volatile OvsdbException closeCause;

  /** An in-flight request: its method (for error messages) and its future. */
  private record Call(String method, CompletableFuture<JsonNode> future) {}

  Connection(Remote remote, Transport transport, int maxMessageBytes, Listener listener) {
    this.remote = remote;
    this.transport = transport;
    this.listener = listener;
    this.framer = new JsonFramer(maxMessageBytes);
    this.writer =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "ovsdb-writer-" + remote);
              t.setDaemon(true);
              return t;
            });
  }

  void start() {
    Thread t = new Thread(this::readLoop, "ovsdb-reader-" + remote);
    t.setDaemon(true);
    t.start();
  }

  Remote remote() {
    return remote;
  }

  boolean isClosed() {
    return closed.get();
  }

  Duration age() {
    return Duration.ofNanos(System.nanoTime() - openedAt);
  }

  long nanosSinceLastReceived() {
    return System.nanoTime() - lastReceived;
  }

  /** Sends a request; the future completes with its result, bounded by {@code timeout}. */
  CompletableFuture<JsonNode> call(String method, JsonNode params, Duration timeout) {
    return call(method, params, timeout, null);
  }

  /**
   * Like {@link #call(String, JsonNode, Duration)}; {@code onReply}, when not null, is attached
   * before the request leaves, so it runs on the reader thread before any later message is read
   * (monitors rely on this to order their initial reply before the updates that follow it).
   */
  CompletableFuture<JsonNode> call(
      String method, JsonNode params, Duration timeout, BiConsumer<JsonNode, Throwable> onReply) {
    long id = ids.incrementAndGet();
    CompletableFuture<JsonNode> f = new CompletableFuture<>();
    if (onReply != null) {
      f.whenComplete(onReply);
    }
    pending.put(id, new Call(method, f));
    f.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((r, e) -> pending.remove(id));
    if (closed.get()) { // closed before we registered: close() may have missed us
      f.completeExceptionally(lostError());
      return f;
    }
    ObjectNode msg = Json.object().put("method", method);
    msg.set("params", params);
    msg.put("id", id);
    try {
      send(msg);
    } catch (OvsdbException e) {
      f.completeExceptionally(e);
    }
    return mapTimeout(f, method, timeout);
  }

  private CompletableFuture<JsonNode> mapTimeout(
      CompletableFuture<JsonNode> f, String method, Duration timeout) {
    CompletableFuture<JsonNode> out = new CompletableFuture<>();
    f.whenComplete(
        (r, e) -> {
          if (e instanceof TimeoutException) {
            out.completeExceptionally(
                new OvsdbTimeoutException(
                    method + " to " + remote + " got no answer within " + timeout));
          } else if (e != null) {
            out.completeExceptionally(e);
          } else {
            out.complete(r);
          }
        });
    return out;
  }

  /**
   * Queues {@code msg} for the writer thread. A failed write closes the connection, which fails
   * every pending call, so callers learn of it through their futures.
   */
  private void send(ObjectNode msg) {
    byte[] bytes = Json.write(msg);
    try {
      writer.execute(
          () -> {
            try {
              transport.write(bytes);
            } catch (IOException e) {
              close(
                  new OvsdbConnectionException(
                      "cannot write to " + remote + ": " + e.getMessage(), e));
            }
          });
    } catch (RejectedExecutionException e) {
      throw lostError();
    }
  }

  private void readLoop() {
    byte[] buf = new byte[64 * 1024];
    try {
      while (!closed.get()) {
        int n = transport.read(buf);
        if (n < 0) {
          int partial = framer.buffered();
          close(
              new OvsdbConnectionException(
                  remote
                      + " closed the connection"
                      + (partial > 0
                          ? " in the middle of a message (" + partial + " bytes)"
                          : "")));
          return;
        }
        lastReceived = System.nanoTime();
        framer.feed(buf, 0, n, this::dispatch);
      }
    } catch (IOException e) {
      close(new OvsdbConnectionException("connection to " + remote + " failed: " + e, e));
    } catch (OvsdbProtocolException e) {
      close(
          new OvsdbConnectionException(
              "bad input from " + remote + ", connection dropped: " + e.getMessage(), e));
    } catch (RuntimeException e) {
      LOG.error("bug while reading from {}", remote, e);
      close(new OvsdbConnectionException("internal error reading from " + remote + ": " + e, e));
    }
  }

  private void dispatch(byte[] bytes, int off, int len) {
    JsonNode msg;
    try {
      msg = Json.read(bytes, off, len);
    } catch (JacksonException e) {
      throw new OvsdbProtocolException("malformed JSON: " + e.getOriginalMessage(), e);
    }
    if (msg.has("method")) {
      onRequest(msg);
    } else {
      onResponse(msg);
    }
  }

  private void onRequest(JsonNode msg) {
    String method = msg.get("method").asString("");
    JsonNode id = msg.get("id");
    JsonNode params = msg.has("params") ? msg.get("params") : Json.array();
    boolean notification = id == null || id.isNull();
    if ("echo".equals(method) && !notification) {
      reply(id, params, null); // section 4.1.11: echo the params back
    } else if (notification) {
      listener.onNotification(this, method, params);
    } else {
      // Not ours to understand; answering keeps a JSON-RPC peer from waiting forever.
      LOG.warn("{} sent unknown request method \"{}\"; answering with an error", remote, method);
      reply(id, null, "unknown method");
    }
  }

  private void reply(JsonNode id, JsonNode result, String error) {
    ObjectNode r = Json.object();
    r.set("result", result == null ? Json.NODES.nullNode() : result);
    r.set("error", error == null ? Json.NODES.nullNode() : Json.NODES.stringNode(error));
    r.set("id", id);
    send(r);
  }

  private void onResponse(JsonNode msg) {
    JsonNode idNode = msg.get("id");
    if (idNode == null || !idNode.canConvertToLong() || !msg.has("result") && !msg.has("error")) {
      throw new OvsdbProtocolException("neither a request nor a response: " + abbreviate(msg));
    }
    Call call = pending.get(idNode.longValue());
    if (call == null) {
      LOG.debug("{} answered unknown or timed-out request {}", remote, idNode);
      return;
    }
    JsonNode error = msg.get("error");
    if (error != null && !error.isNull()) {
      call.future()
          .completeExceptionally(
              new OvsdbRpcException(
                  call.method(), error.isString() ? error.stringValue() : error.toString()));
    } else {
      call.future().complete(msg.get("result"));
    }
  }

  private static String abbreviate(JsonNode msg) {
    String s = msg.toString();
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }

  private OvsdbConnectionException lostError() {
    OvsdbException cause = closeCause;
    return new OvsdbConnectionException(
        "connection to " + remote + " is closed" + (cause == null ? "" : ": " + cause.getMessage()),
        cause);
  }

  /** Closes the socket and fails every pending call with {@code cause}. Idempotent. */
  void close(OvsdbException cause) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    closeCause = cause;
    writer.shutdown();
    transport.close();
    for (Call c : pending.values()) {
      c.future().completeExceptionally(lostError());
    }
    pending.clear();
    listener.onClosed(this, cause);
  }

  /** A JSON array of the given strings, for request params. */
  static ArrayNode params(Object... values) {
    ArrayNode a = Json.array();
    for (Object v : values) {
      if (v instanceof JsonNode n) {
        a.add(n);
      } else {
        a.add(String.valueOf(v));
      }
    }
    return a;
  }

  @Override
  public String toString() {
    return "Connection[" + remote + (closed.get() ? ", closed" : "") + "]";
  }
}

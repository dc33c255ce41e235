package io.ovneip.ovsdb.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Keeps one usable connection: tries the remotes in turn, checks leadership through {@code _Server}
 * when asked to, re-subscribes every monitor on each new connection, probes inactivity with {@code
 * echo}, and reconnects with exponential backoff when the connection is lost. All attempts run on
 * the client's timer thread, one at a time.
 */
final class Connector implements Connection.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(Connector.class);

  private final OvsdbClientOptions options;
  private final Supplier<SSLContext> tls; // called on every ssl: attempt: files may have rotated
  private final ScheduledExecutorService timer;
  private final Map<String, MonitorSubscriber> monitors;
  private final Map<Connection, ServerWatch> watches = new ConcurrentHashMap<>();
  private final AtomicBoolean echoInFlight = new AtomicBoolean();
  private final Object lock = new Object();
  private CompletableFuture<Connection> ready = new CompletableFuture<>(); // guarded by lock
  private Connection live; // guarded by lock
  private int nextRemote; // timer thread only
  private int failures; // timer thread only
  private volatile Throwable lastError;
  private volatile boolean closed;

  Connector(
      OvsdbClientOptions options,
      Supplier<SSLContext> tls,
      ScheduledExecutorService timer,
      Map<String, MonitorSubscriber> monitors) {
    this.options = options;
    this.tls = tls;
    this.timer = timer;
    this.monitors = monitors;
  }

  void start() {
    timer.execute(this::attempt);
    Duration probe = options.inactivityProbe();
    if (!probe.isZero() && !probe.isNegative()) {
      long period = Math.max(50, probe.toMillis() / 2);
      timer.scheduleWithFixedDelay(this::probe, period, period, TimeUnit.MILLISECONDS);
    }
  }

  /** Completes with the usable connection; replaced by a fresh future when it is lost. */
  CompletableFuture<Connection> ready() {
    synchronized (lock) {
      return ready;
    }
  }

  Optional<Connection> live() {
    synchronized (lock) {
      return Optional.ofNullable(live);
    }
  }

  Throwable lastError() {
    return lastError;
  }

  MonitorChannel channel(Connection c) {
    return new Channel(c, options.callTimeout());
  }

  private void attempt() {
    if (closed) {
      return;
    }
    List<Remote> remotes = options.remotes();
    Remote remote = remotes.get(nextRemote++ % remotes.size());
    Connection c = null;
    try {
      c =
          new Connection(
              remote,
              Transport.open(
                  remote,
                  options.connectTimeout(),
                  remote.kind() == Remote.Kind.SSL ? tls.get() : null),
              options.maxMessageBytes(),
              this);
      c.start();
      long waitMs = options.callTimeout().toMillis() + 1000;
      // A single remote too: it may be a Service address in front of a RAFT cluster, and a member
      // that is not the leader, or is cut off from its cluster, is left for another connection
      // after backoff (docs/behaviour.md §9.1, §9.3).
      if (options.leaderOnly()) {
        ServerWatch w = new ServerWatch(c, true);
        watches.put(c, w);
        w.start(options.callTimeout()).get(waitMs, TimeUnit.MILLISECONDS);
      } else {
        // One round trip before the connection counts as up: with TLS 1.3 a server that rejects
        // our certificate says so only after the handshake has completed on our side.
        c.call("echo", Connection.params("hello"), options.callTimeout())
            .get(waitMs, TimeUnit.MILLISECONDS);
      }
      publish(c);
    } catch (Exception e) {
      Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
      if (c != null) {
        c.close(
            new OvsdbConnectionException("connection setup failed: " + cause.getMessage(), cause));
      }
      lastError = cause;
      failures++;
      Duration delay = backoff();
      LOG.info(
          "cannot use {} ({}); next attempt in {} ms", remote, cause.toString(), delay.toMillis());
      schedule(delay);
    }
  }

  private void publish(Connection c) {
    synchronized (lock) {
      if (closed || c.isClosed()) {
        throw new OvsdbConnectionException("connection to " + c.remote() + " closed during setup");
      }
      live = c;
    }
    lastError = null; // failures is reset only once a connection has proven stable (onClosed)
    MonitorChannel ch = channel(c);
    monitors.values().forEach(m -> m.subscribe(ch)); // sent before any caller's request
    synchronized (lock) {
      if (live == c) {
        ready.complete(c);
      }
    }
    LOG.info("connected to {}", c.remote());
  }

  /** Zero while some remote of this round is untried, then doubling from the minimum. */
  private Duration backoff() {
    int n = options.remotes().size();
    if (failures < n) {
      return Duration.ZERO;
    }
    int rounds = Math.min(failures / n - 1, 20);
    long ms = options.backoffMin().toMillis() << rounds;
    return Duration.ofMillis(Math.min(ms, options.backoffMax().toMillis()));
  }

  private void schedule(Duration delay) {
    if (!closed) {
      timer.schedule(this::attempt, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** RFC 7047 section 4.1.11 echo as an inactivity probe: silence for too long drops the link. */
  private void probe() {
    Connection c = live().orElse(null);
    long quiet = options.inactivityProbe().toNanos();
    if (c == null
        || c.nanosSinceLastReceived() < quiet
        || !echoInFlight.compareAndSet(false, true)) {
      return;
    }
    c.call("echo", Connection.params("probe"), options.inactivityProbe())
        .whenComplete(
            (r, e) -> {
              echoInFlight.set(false);
              if (e instanceof OvsdbTimeoutException) {
                c.close(
                    new OvsdbConnectionException(
                        c.remote()
                            + " did not answer an echo within "
                            + options.inactivityProbe()
                            + " (inactivity probe)"));
              }
            });
  }

  @Override
  public void onNotification(Connection c, String method, JsonNode params) {
    String id = params.path(0).asString("");
    if (ServerWatch.MONITOR_ID.equals(id)) {
      ServerWatch w = watches.get(c);
      if (w != null) {
        w.onUpdate(params);
      }
      return;
    }
    MonitorSubscriber m = monitors.get(id);
    if (m != null && (method.equals("update") || method.startsWith("update"))) {
      m.onNotification(channel(c), method, params);
    } else {
      LOG.debug("{} sent notification {} for unknown monitor {}", c.remote(), method, id);
    }
  }

  @Override
  public void onClosed(Connection c, OvsdbException cause) {
    watches.remove(c);
    boolean wasLive;
    synchronized (lock) {
      wasLive = live == c;
      if (wasLive) {
        live = null;
        if (ready.isDone()) {
          ready = new CompletableFuture<>();
        }
      }
    }
    if (wasLive && !closed) {
      LOG.warn("lost connection to {}: {}; reconnecting", c.remote(), cause.getMessage());
      lastError = cause;
      boolean stable = c.age().compareTo(options.backoffMax()) >= 0;
      timer.execute(
          () -> {
            // A connection that keeps dying young must not turn into a reconnect loop.
            failures = stable ? 0 : failures + 1;
            schedule(backoff());
          });
    }
  }

  void close() {
    closed = true;
    Connection c;
    CompletableFuture<Connection> r;
    synchronized (lock) {
      c = live;
      live = null;
      r = ready;
    }
    r.completeExceptionally(new OvsdbConnectionException("client closed"));
    if (c != null) {
      c.close(new OvsdbConnectionException("client closed"));
    }
  }

  /** A connection as monitors see it; equal for the same connection. */
  record Channel(Connection connection, Duration timeout) implements MonitorChannel {
    @Override
    public void call(String method, JsonNode params, BiConsumer<JsonNode, Throwable> onReply) {
      connection.call(method, params, timeout, onReply);
    }

    @Override
    public boolean isOpen() {
      return !connection.isClosed();
    }

    @Override
    public void fail(String reason, Throwable cause) {
      connection.close(new OvsdbConnectionException(reason, cause));
    }
  }
}

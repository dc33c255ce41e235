package io.ovneip.ovsdb.client;

import io.ovneip.ovsdb.protocol.Operation;
import io.ovneip.ovsdb.protocol.OperationResult;
import io.ovneip.ovsdb.protocol.codec.CodecException;
import io.ovneip.ovsdb.protocol.codec.OperationCodec;
import io.ovneip.ovsdb.protocol.codec.SchemaParser;
import io.ovneip.ovsdb.protocol.schema.DatabaseSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import tools.jackson.databind.JsonNode;

/**
 * An RFC 7047 client for one OVSDB server or one clustered database (several remotes). Thread-safe;
 * share one per process and database server.
 *
 * <ul>
 *   <li>{@link #connect} returns once a connection is usable and from then on keeps one: on loss it
 *       reconnects with exponential backoff, trying the remotes in turn. With {@code leaderOnly}
 *       (the default) only the RAFT leader of a clustered database is used, whether one remote is
 *       given or several, checked through the {@code _Server} database, and the client moves on
 *       when leadership moves.
 *   <li>Every call is bounded by {@link OvsdbClientOptions#callTimeout()}, including the wait for a
 *       connection. A call in flight when the connection drops fails with {@link
 *       OvsdbConnectionException}; a transaction failing that way may or may not have committed.
 *   <li>{@link #subscribe} registers a monitor that survives reconnects (the cache's {@code
 *       Replica.open} is the usual one).
 * </ul>
 *
 * <p><b>Non-root tables.</b> In OVN Northbound, {@code NAT}, {@code Logical_Router_Policy}, {@code
 * Gateway_Chassis} and others are not root tables (RFC 7047 section 3.2, {@code isRoot}): a row
 * inserted without being referenced from a root row in the same transaction is garbage-collected
 * when the transaction commits. The insert still "succeeds" and returns a UUID, but the row is
 * gone. Insert such rows with a {@code uuid-name} and, in the same transaction, mutate the
 * referencing row (e.g. {@code Logical_Router.nat}) to insert the {@link
 * io.ovneip.ovsdb.protocol.NamedUuid}.
 */
public final class OvsdbClient implements AutoCloseable {
  private final OvsdbClientOptions options;
  private final ScheduledExecutorService timer;
  private final ExecutorService callbacks;
  private final Connector connector;
  private final Map<String, MonitorSubscriber> monitors = new ConcurrentHashMap<>();
  private final Map<String, DatabaseSchema> schemas = new ConcurrentHashMap<>();
  private final AtomicLong monitorIds = new AtomicLong();
  private volatile boolean closed;

  private OvsdbClient(OvsdbClientOptions options) {
    this.options = options;
    Supplier<SSLContext> tls = () -> null;
    if (options.tls() != null) {
      Pem.context(options.tls()); // files unusable from the start: say so now, not in a retry loop
      // Read again on every connection attempt: cert-manager and ovs-pki rotate the files in
      // place, and a reconnect must present the current certificate without a restart.
      tls = () -> Pem.context(options.tls());
    }
    this.timer = Executors.newSingleThreadScheduledExecutor(daemon("ovsdb-client-timer"));
    this.callbacks = Executors.newCachedThreadPool(daemon("ovsdb-client-callback"));
    this.connector = new Connector(options, tls, timer, monitors);
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicLong n = new AtomicLong();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Connects to one of the remotes (the leader, for a cluster with {@code leaderOnly}) and returns
   * once connected; throws {@link OvsdbTimeoutException} (naming the last error) when that does not
   * happen within {@link OvsdbClientOptions#connectTimeout()}.
   */
  public static OvsdbClient connect(OvsdbClientOptions options) {
    OvsdbClient client = new OvsdbClient(options);
    client.connector.start();
    try {
      client.connector.ready().get(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
      return client;
    } catch (TimeoutException | ExecutionException e) {
      Throwable last = client.connector.lastError();
      client.close();
      throw new OvsdbTimeoutException(
          "could not connect to "
              + options.remotes()
              + " within "
              + options.connectTimeout()
              + (last == null ? "" : "; last error: " + last),
          last);
    } catch (InterruptedException e) {
      client.close();
      Thread.currentThread().interrupt();
      throw new OvsdbException("interrupted while connecting", e);
    }
  }

  public OvsdbClientOptions options() {
    return options;
  }

  /** True while a usable connection is up. */
  public boolean isConnected() {
    return connector.live().isPresent();
  }

  /** The remote of the connection in use, if any. */
  public Optional<Remote> connectedRemote() {
    return connector.live().map(Connection::remote);
  }

  /** {@code list_dbs} (RFC 7047 section 4.1.1). */
  public List<String> listDatabases() {
    JsonNode r = await(rpc("list_dbs", Connection.params()));
    List<String> dbs = new ArrayList<>();
    r.forEach(n -> dbs.add(n.asString()));
    return dbs;
  }

  /** {@code get_schema} (section 4.1.2), fetched once per database and cached. */
  public DatabaseSchema schema(String db) {
    return await(schemaAsync(db));
  }

  public CompletableFuture<DatabaseSchema> schemaAsync(String db) {
    DatabaseSchema cached = schemas.get(db);
    if (cached != null) {
      return CompletableFuture.completedFuture(cached);
    }
    return rpc("get_schema", Connection.params(db))
        .thenApplyAsync(
            json -> {
              try {
                return schemas.computeIfAbsent(db, k -> SchemaParser.parse(json));
              } catch (CodecException e) {
                throw new OvsdbProtocolException("unusable schema of " + db + ": " + e, e);
              }
            },
            callbacks);
  }

  /**
   * {@code transact} (section 4.1.3): runs {@code ops} atomically and returns one result per
   * operation. Throws {@link OvsdbTransactionException} when the server refused the transaction
   * (nothing committed; it names the failing operation), {@link OvsdbOutcomeUnknownException} when
   * it was sent and no reply came (timeout, connection lost: it may have committed), {@link
   * OvsdbTimeoutException} when no connection was usable in time (nothing was sent).
   */
  public List<OperationResult> transact(String db, List<Operation> ops) {
    return await(transactAsync(db, ops));
  }

  /** Like {@link #transact}; the future fails with the same exceptions. */
  public CompletableFuture<List<OperationResult>> transactAsync(String db, List<Operation> ops) {
    List<Operation> copy = List.copyOf(ops);
    return schemaAsync(db)
        .thenCompose(
            schema ->
                rpc("transact", OperationCodec.transactParams(db, copy), true)
                    .thenApplyAsync(r -> TransactResults.decode(r, copy, schema), callbacks));
  }

  /**
   * Registers a monitor that survives reconnects: {@code factory} gets the monitor's id and the
   * hook that unregisters it (to run from its {@link MonitorSubscriber#close}), and the subscriber
   * is offered the live connection now and every new one after a reconnect. The cache's replica
   * opens itself through this ({@code Replica.open}), so the client knows nothing of the cache.
   */
  public <S extends MonitorSubscriber> S subscribe(BiFunction<String, Runnable, S> factory) {
    String id = "m" + monitorIds.incrementAndGet();
    S subscriber = factory.apply(id, () -> monitors.remove(id));
    monitors.put(id, subscriber);
    connector.live().ifPresent(c -> subscriber.subscribe(connector.channel(c)));
    return subscriber;
  }

  /**
   * {@code lock} (section 4.1.8): true if this client now owns {@code id}, false if it was queued
   * behind another owner. Locks belong to a connection: after a reconnect they are gone.
   */
  public boolean lock(String id) {
    return await(rpc("lock", Connection.params(id))).path("locked").asBoolean(false);
  }

  /** {@code unlock} (section 4.1.10). */
  public void unlock(String id) {
    await(rpc("unlock", Connection.params(id)));
  }

  /**
   * Sends one request on the current connection, waiting for one if needed; the whole call is
   * bounded by the call timeout.
   */
  CompletableFuture<JsonNode> rpc(String method, JsonNode params) {
    return rpc(method, params, false);
  }

  /**
   * With {@code mayCommit}, a call that was handed to a connection and ended without a reply (its
   * timeout, or the connection closing) fails with {@link OvsdbOutcomeUnknownException}: the server
   * may have run it.
   */
  private CompletableFuture<JsonNode> rpc(String method, JsonNode params, boolean mayCommit) {
    if (closed) {
      return CompletableFuture.failedFuture(new OvsdbConnectionException("client is closed"));
    }
    long deadline = System.nanoTime() + options.callTimeout().toNanos();
    CompletableFuture<JsonNode> out = new CompletableFuture<>();
    connector
        .ready()
        .copy()
        .orTimeout(options.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete(
            (c, e) -> {
              if (e != null) {
                out.completeExceptionally(noConnection(method, e));
                return;
              }
              Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
              c.call(method, params, left)
                  .whenComplete(
                      (r, err) -> {
                        if (err != null) {
                          Throwable cause = unwrap(err);
                          if (mayCommit
                              && (cause instanceof OvsdbTimeoutException
                                  || cause instanceof OvsdbConnectionException)) {
                            cause =
                                new OvsdbOutcomeUnknownException(
                                    method
                                        + " sent to "
                                        + c.remote()
                                        + " got no reply, it may have committed: "
                                        + cause.getMessage(),
                                    (OvsdbException) cause);
                          }
                          out.completeExceptionally(cause);
                        } else {
                          out.complete(r);
                        }
                      });
            });
    return out;
  }

  private OvsdbException noConnection(String method, Throwable e) {
    Throwable cause = unwrap(e);
    if (cause instanceof OvsdbException oe && !(cause instanceof OvsdbTimeoutException)) {
      return oe;
    }
    Throwable last = connector.lastError();
    return new OvsdbTimeoutException(
        method
            + ": no usable connection to "
            + options.remotes()
            + " within "
            + options.callTimeout()
            + (last == null ? "" : "; last error: " + last),
        last);
  }

  private static Throwable unwrap(Throwable e) {
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  /** Blocks for a future whose every stage is already bounded; the extra bound is a safety net. */
  private <T> T await(CompletableFuture<T> f) {
    long bound = options.callTimeout().toMillis() * 3 + 1000;
    try {
      return f.get(bound, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable c = unwrap(e);
      if (c instanceof OvsdbException oe) {
        throw oe;
      }
      throw new OvsdbException("call failed: " + c, c);
    } catch (TimeoutException e) {
      throw new OvsdbTimeoutException("call did not complete within " + bound + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OvsdbException("interrupted", e);
    }
  }

  /** Closes the connection, stops reconnecting and fails pending calls. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    List.copyOf(monitors.values()).forEach(MonitorSubscriber::close);
    connector.close();
    timer.shutdownNow();
    callbacks.shutdown();
  }
}

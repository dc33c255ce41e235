package io.ovneip.ovsdb.cache;

import io.ovneip.ovsdb.client.MonitorChannel;
import io.ovneip.ovsdb.client.MonitorSubscriber;
import io.ovneip.ovsdb.client.OvsdbClient;
import io.ovneip.ovsdb.client.OvsdbException;
import io.ovneip.ovsdb.client.OvsdbRpcException;
import io.ovneip.ovsdb.client.OvsdbTimeoutException;
import io.ovneip.ovsdb.protocol.codec.Json;
import io.ovneip.ovsdb.protocol.schema.DatabaseSchema;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * A live copy of some tables of one database, kept by a monitor that survives reconnects (obtain
 * one from {@link #open}).
 *
 * <p>It subscribes with {@code monitor_cond_since} (ovsdb-server(7)), passing the last transaction
 * id it has seen: after a reconnect a clustered server sends only what changed since ({@code found}
 * true), otherwise the full content, which then replaces the replica wholesale. Servers without
 * {@code monitor_cond_since} get {@code monitor_cond} and always a full resync.
 *
 * <p>Every reply and notification is applied on the replica's own thread, in the order the server
 * sent them, to a new version that shares every row it does not touch; the new {@link Snapshot} is
 * published only once the whole update is in.
 *
 * <p>A flood of updates cannot pile up: at most {@link #MAX_PENDING} messages wait for the
 * replica's thread. When that many do, the connection's reader waits too, so the socket is not
 * read, the server's sends back up, and ovsdb-server keeps the changes in its monitor (it sends a
 * monitor's pending changes only once the session's earlier output has gone, and a row changed
 * twice meanwhile goes once, in its latest state). If the replica makes no room for {@link
 * #STALL_LIMIT}, the connection is dropped and the replica resumes from the last transaction it
 * applied.
 */
public final class Replica implements MonitorSubscriber, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Replica.class);
  private static final String NO_TXN = "00000000-0000-0000-0000-000000000000";

  /** Messages read from the server and not yet applied, at most. */
  static final int MAX_PENDING = 32;

  /** How long the reader waits for room before giving the connection up. */
  static final Duration STALL_LIMIT = Duration.ofSeconds(60);

  private final String db;
  private final MonitorRequest request;
  private final String monitorId;
  private final Runnable onClose;
  private final UpdateApplier applier;
  private final ExecutorService executor;
  private final Semaphore room = new Semaphore(MAX_PENDING);
  private volatile MonitorChannel stalled; // a channel given up for want of room
  private final List<ReplicaListener> listeners = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Snapshot> initial = new CompletableFuture<>();
  private volatile Snapshot snapshot = Snapshot.empty();
  private volatile MonitorChannel channel;
  private volatile boolean closed;
  private String lastTxnId = NO_TXN; // replica thread only
  private boolean useSince = true; // replica thread only
  private volatile ReplicaStats stats = new ReplicaStats(0, 0, 0);

  /**
   * Starts replicating the tables and columns of {@code request} ({@code monitor_cond_since},
   * falling back to {@code monitor_cond}). The replica re-subscribes after every reconnect; close
   * it to stop.
   */
  public static Replica open(OvsdbClient client, String db, MonitorRequest request) {
    DatabaseSchema schema = client.schema(db);
    return client.subscribe((id, onClose) -> new Replica(db, schema, request, id, onClose));
  }

  /** {@code onClose} unregisters it from the client. */
  Replica(
      String db,
      DatabaseSchema schema,
      MonitorRequest request,
      String monitorId,
      Runnable onClose) {
    request.validate(schema);
    this.db = db;
    this.request = request;
    this.monitorId = monitorId;
    this.onClose = onClose;
    this.applier = new UpdateApplier(schema, request);
    this.executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "ovsdb-replica-" + db + "-" + monitorId);
              t.setDaemon(true);
              return t;
            });
  }

  /** The current content; never half-applied. */
  public Snapshot snapshot() {
    return snapshot;
  }

  /** How the replica has been fed so far. */
  public ReplicaStats stats() {
    return stats;
  }

  /** Updates read from the server and not yet applied (at most {@link #MAX_PENDING}). */
  public int pending() {
    return MAX_PENDING - room.availablePermits();
  }

  /** Adds a listener; it hears about updates applied from now on. */
  public void addListener(ReplicaListener listener) {
    listeners.add(listener);
  }

  /** Waits for the first complete content; throws {@link OvsdbTimeoutException} after timeout. */
  public Snapshot awaitInitial(Duration timeout) {
    try {
      return initial.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new OvsdbTimeoutException(
          "no initial content for monitor " + monitorId + " of " + db + " within " + timeout);
    } catch (ExecutionException e) {
      throw new OvsdbException("monitor " + monitorId + " of " + db + " failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OvsdbException("interrupted", e);
    }
  }

  @Override
  public String monitorId() {
    return monitorId;
  }

  @Override
  public synchronized void subscribe(MonitorChannel ch) {
    if (closed || ch.equals(channel)) {
      return; // the client and the connector may both offer the same new connection
    }
    channel = ch;
    // On the replica thread: updates still queued from the old connection go first, so the
    // transaction id we resume from is the latest one applied.
    executor.execute(() -> sendMonitor(ch));
  }

  private void sendMonitor(MonitorChannel ch) {
    if (closed || !ch.equals(channel) || !ch.isOpen()) {
      return;
    }
    boolean since = useSince;
    ArrayNode params = Json.array().add(db).add(monitorId);
    params.add(request.toJson());
    if (since) {
      params.add(lastTxnId);
    }
    ch.call(
        since ? "monitor_cond_since" : "monitor_cond",
        params,
        (result, error) -> onReplicaThread(ch, false, () -> onReply(ch, since, result, error)));
  }

  private void onReply(MonitorChannel ch, boolean since, JsonNode result, Throwable error) {
    if (closed || !ch.equals(channel)) {
      return;
    }
    if (error != null) {
      if (since
          && error instanceof OvsdbRpcException rpc
          && rpc.error().contains("unknown method")) {
        LOG.info("{} lacks monitor_cond_since; falling back to monitor_cond", db);
        useSince = false;
        sendMonitor(ch);
      } else if (ch.isOpen()) {
        ch.fail("monitor " + monitorId + " of " + db + " failed: " + error.getMessage(), error);
      }
      return;
    }
    try {
      if (since) {
        // [found, last-txn-id, table-updates2]
        boolean found = result.get(0).asBoolean();
        String txn = result.get(1).asString();
        count(found ? 0 : 1, found ? 1 : 0, 0);
        publish(
            found
                ? applier.apply(snapshot.tables(), result.get(2))
                : applier.replace(snapshot.tables(), result.get(2)),
            txn,
            true);
      } else {
        count(1, 0, 0);
        publish(applier.replace(snapshot.tables(), result), null, true);
      }
    } catch (RuntimeException e) {
      ch.fail("cannot apply the monitor reply of " + db + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void onNotification(MonitorChannel ch, String method, JsonNode params) {
    onReplicaThread(ch, true, () -> onUpdate(ch, method, params));
  }

  /**
   * Runs {@code task} on the replica's thread, after every message queued before it; drops it once
   * the replica is closed. Messages for a closed replica still arrive until the server has served
   * its {@code monitor_cancel}: they must not fail the connection (the caller's reader thread),
   * which every other monitor shares.
   *
   * <p>{@code bounded}: the caller is the connection's reader with an update, and waits while
   * {@link #MAX_PENDING} of them are queued (back-pressure on the socket). A monitor reply is not
   * bounded: there is one per connection, and its callback may run on a timer thread that must not
   * wait ({@link MonitorChannel#call}).
   */
  private void onReplicaThread(MonitorChannel ch, boolean bounded, Runnable task) {
    if (closed || ch == stalled) {
      return;
    }
    if (bounded && !awaitRoom(ch)) {
      return;
    }
    try {
      executor.execute(
          () -> {
            try {
              if (ch != stalled) {
                task.run();
              }
            } finally {
              if (bounded) {
                room.release();
              }
            }
          });
    } catch (RejectedExecutionException closedMeanwhile) {
      // close() shut the executor down after the check above: the message is for nobody now.
      if (bounded) {
        room.release();
      }
    }
  }

  private boolean awaitRoom(MonitorChannel ch) {
    try {
      if (room.tryAcquire(STALL_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
        return true;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    // Later messages of this connection must not be applied without this one: give it up; the
    // next connection resumes from the last transaction applied.
    stalled = ch;
    ch.fail(
        "the replica of "
            + db
            + " applied nothing for "
            + STALL_LIMIT
            + " with "
            + MAX_PENDING
            + " messages waiting",
        null);
    return false;
  }

  private void onUpdate(MonitorChannel ch, String method, JsonNode params) {
    if (closed || !ch.equals(channel)) {
      return; // from a connection we already left; the resume will resend it
    }
    try {
      count(0, 0, 1);
      switch (method) {
        case "update2" -> publish(applier.apply(snapshot.tables(), params.get(1)), null, false);
        case "update3" ->
            publish(
                applier.apply(snapshot.tables(), params.get(2)), params.get(1).asString(), false);
        default -> LOG.warn("ignoring {} for monitor {} of {}", method, monitorId, db);
      }
    } catch (RuntimeException e) {
      // The replica is unchanged; a fresh connection resumes from the last applied txn id.
      ch.fail("cannot apply " + method + " to the replica of " + db + ": " + e.getMessage(), e);
    }
  }

  private void count(long full, long resumed, long updates) {
    ReplicaStats s = stats;
    stats = new ReplicaStats(s.fullSyncs() + full, s.resumes() + resumed, s.updates() + updates);
  }

  private void publish(UpdateApplier.Result r, String txn, boolean initialReply) {
    if (txn != null) {
      lastTxnId = txn;
    }
    Snapshot next = new Snapshot(r.tables(), NO_TXN.equals(lastTxnId) ? null : lastTxnId);
    snapshot = next;
    initial.complete(next);
    if (initialReply || !r.changes().isEmpty()) {
      for (ReplicaListener l : listeners) {
        try {
          l.onUpdate(next, r.changes());
        } catch (RuntimeException e) {
          LOG.error("replica listener failed on {}", db, e);
        }
      }
    }
  }

  /** Cancels the monitor ({@code monitor_cancel}) and stops the replica's thread. Idempotent. */
  @Override
  public void close() {
    MonitorChannel ch;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      ch = channel;
    }
    onClose.run();
    if (ch != null && ch.isOpen()) {
      ch.call("monitor_cancel", Json.array().add(monitorId), (r, e) -> {});
    }
    initial.completeExceptionally(new OvsdbException("replica closed"));
    executor.shutdown();
  }
}

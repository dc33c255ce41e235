package io.ovneip.agent;

import io.ovneip.model.ovs.ObservedOvs;
import io.ovneip.ovsdb.cache.MonitorRequest;
import io.ovneip.ovsdb.cache.Replica;
import io.ovneip.ovsdb.cache.Snapshot;
import io.ovneip.ovsdb.client.OvsdbClient;
import io.ovneip.ovsdb.client.OvsdbClientOptions;
import io.ovneip.ovsdb.protocol.Operation;
import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link OvsLink} over the project's OVSDB client: one connection to the local Open_vSwitch DB and
 * a monitor of exactly the columns the agent reads. Leaving out the statistics and status columns
 * vswitchd rewrites every few seconds keeps the replica, and the reconciles it triggers, quiet.
 *
 * <p>The connection is made on the first {@link #awaitInitial}, from the agent's loop: an agent
 * that starts before ovsdb-server waits and retries instead of failing. After that, the client
 * reconnects and re-monitors by itself.
 */
final class ReplicaOvsLink implements OvsLink {
  static final String DB = "Open_vSwitch";

  private static final MonitorRequest REQUEST =
      MonitorRequest.builder()
          .table(ObservedOvs.ROOT_TABLE, "bridges", "external_ids")
          .table(ObservedOvs.BRIDGE_TABLE, "name", "datapath_type", "ports", "external_ids")
          .table(ObservedOvs.PORT_TABLE, "name", "interfaces", "external_ids")
          .table(ObservedOvs.INTERFACE_TABLE, "name", "type", "external_ids", "ofport", "error")
          .build();
  private static final Duration ECHO_TIMEOUT = Duration.ofSeconds(2);

  private final String remote;
  private final List<Runnable> listeners = new ArrayList<>();
  private final Object updates = new Object();
  private long updateCount;
  private OvsdbClient client;
  private volatile Replica replica;
  private boolean closed;

  private ReplicaOvsLink(String remote) {
    this.remote = remote;
  }

  /** A link to {@code options.ovsDb()}; nothing is connected until {@link #awaitInitial}. */
  static OvsLink connect(AgentOptions options) {
    return new ReplicaOvsLink(options.ovsDb());
  }

  @Override
  public void awaitInitial(Duration timeout) {
    ensureConnected().awaitInitial(timeout);
  }

  private synchronized Replica ensureConnected() {
    if (closed) {
      throw new IllegalStateException("closed");
    }
    if (replica == null) {
      // A standalone local DB: no RAFT leader to look for.
      OvsdbClient c =
          OvsdbClient.connect(OvsdbClientOptions.builder(remote).leaderOnly(false).build());
      try {
        Replica r = Replica.open(c, DB, REQUEST);
        r.addListener((snapshot, changes) -> updated());
        client = c;
        replica = r;
      } catch (RuntimeException e) {
        c.close();
        throw e;
      }
    }
    return replica;
  }

  @Override
  public synchronized void onChange(Runnable listener) {
    listeners.add(listener);
  }

  @Override
  public ObservedOvs observed() {
    Replica r = replica;
    if (r == null) {
      return ObservedOvs.empty();
    }
    Snapshot s = r.snapshot();
    Map<String, Map<Uuid, Row>> tables = new LinkedHashMap<>();
    for (String t : s.tableNames()) {
      tables.put(t, s.table(t));
    }
    return ObservedOvs.fromTables(tables);
  }

  /**
   * Sends, then waits briefly for the monitor update that carries the commit: every plan touches
   * monitored columns, so one follows. A pass that started before it arrived would plan the same
   * inserts again and fail once on the name indexes.
   */
  @Override
  public void transact(List<Operation> operations) throws InterruptedException {
    OvsdbClient c;
    synchronized (this) {
      if (client == null) {
        throw new IllegalStateException("not connected to " + remote);
      }
      c = client;
    }
    long before;
    synchronized (updates) {
      before = updateCount;
    }
    c.transact(DB, operations);
    long deadline = System.nanoTime() + ECHO_TIMEOUT.toNanos();
    synchronized (updates) {
      while (updateCount == before) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return; // harmless: the next pass sees it, or fails once and retries
        }
        updates.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  private void updated() {
    synchronized (updates) {
      updateCount++;
      updates.notifyAll();
    }
    List<Runnable> copy;
    synchronized (this) {
      copy = List.copyOf(listeners);
    }
    copy.forEach(Runnable::run);
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (replica != null) {
      replica.close();
    }
    if (client != null) {
      client.close();
    }
  }
}

package io.ovneip.agent;

import io.ovneip.model.ovs.ObservedOvs;
import io.ovneip.ovsdb.cache.MonitorRequest;
import io.ovneip.ovsdb.cache.Replica;
import io.ovneip.ovsdb.cache.Snapshot;
import io.ovneip.ovsdb.client.OvsdbClient;
import io.ovneip.ovsdb.client.OvsdbClientOptions;
import io.ovneip.ovsdb.protocol.Operation;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * {@link OvsLink} over the project's OVSDB client: one connection to the local Open_vSwitch DB, a
 * monitor of exactly the columns the agent reads. Leaving out the statistics and status columns
 * vswitchd rewrites every few seconds keeps the replica (and the reconciles it triggers) quiet.
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

  private final OvsdbClient client;
  private final Replica replica;
  private final Object updates = new Object();
  private long updateCount;

  private ReplicaOvsLink(OvsdbClient client, Replica replica) {
    this.client = client;
    this.replica = replica;
    replica.addListener((snapshot, changes) -> counted());
  }

  /** Connects to {@code options.ovsDb()} and starts the monitor; the client reconnects itself. */
  static OvsLink connect(AgentOptions options) {
    // A standalone local DB: no RAFT leader to look for.
    OvsdbClient client =
        OvsdbClient.connect(OvsdbClientOptions.builder(options.ovsDb()).leaderOnly(false).build());
    try {
      return new ReplicaOvsLink(client, client.monitor(DB, REQUEST));
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  @Override
  public void awaitInitial(Duration timeout) throws InterruptedException {
    try {
      replica.awaitInitial(timeout);
    } catch (TimeoutException e) {
      throw new IllegalStateException("no initial contents of " + DB + " within " + timeout, e);
    }
  }

  @Override
  public void onChange(Runnable listener) {
    replica.addListener((snapshot, changes) -> listener.run());
  }

  @Override
  public ObservedOvs observed() {
    Snapshot s = replica.snapshot();
    Map<String, Map<io.ovneip.ovsdb.protocol.Uuid, io.ovneip.ovsdb.protocol.Row>> tables =
        new LinkedHashMap<>();
    for (String t : s.tableNames()) {
      tables.put(t, s.table(t));
    }
    return ObservedOvs.fromTables(tables);
  }

  /**
   * Sends and then waits (briefly) for the monitor update that carries the commit: every plan
   * touches monitored columns, so one follows. A pass that starts before it arrived would plan the
   * same inserts again and hit the name indexes.
   */
  @Override
  public void transact(List<Operation> operations) throws InterruptedException {
    long before;
    synchronized (updates) {
      before = updateCount;
    }
    client.transact(DB, operations);
    long deadline = System.nanoTime() + ECHO_TIMEOUT.toNanos();
    synchronized (updates) {
      while (updateCount == before) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return; // harmless: the next pass sees it, or fails once on the index and retries
        }
        updates.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  private void counted() {
    synchronized (updates) {
      updateCount++;
      updates.notifyAll();
    }
  }

  @Override
  public void close() {
    client.close();
  }
}

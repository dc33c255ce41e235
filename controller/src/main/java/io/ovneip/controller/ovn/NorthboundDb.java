package io.ovneip.controller.ovn;

import io.ovneip.model.diff.ObservedNb;
import io.ovneip.model.nb.ExternalIds;
import io.ovneip.model.nb.NbTable;
import io.ovneip.model.nb.OwnerKey;
import io.ovneip.ovsdb.cache.Changes;
import io.ovneip.ovsdb.cache.MonitorRequest;
import io.ovneip.ovsdb.cache.Replica;
import io.ovneip.ovsdb.cache.Snapshot;
import io.ovneip.ovsdb.client.OvsdbClient;
import io.ovneip.ovsdb.protocol.Operation;
import io.ovneip.ovsdb.protocol.OperationResult;
import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's only Northbound writer, and its replica of the tables it reads.
 *
 * <p>After a transaction commits, {@link #apply} waits until the replica shows it (inserted rows
 * present, deleted rows gone). Without that, the next reconcile could diff against a replica that
 * lags behind our own write and insert the same rows twice.
 */
public final class NorthboundDb implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NorthboundDb.class);
  public static final String DB = "OVN_Northbound";

  private final OvsdbClient client;
  private final Replica replica;
  private final Duration catchUpTimeout;
  private final List<Consumer<Set<OwnerKey>>> ownerListeners = new CopyOnWriteArrayList<>();
  private final Object catchUp = new Object();
  private volatile Snapshot previous = Snapshot.empty();

  public NorthboundDb(OvsdbClient client, Duration catchUpTimeout) {
    this.client = client;
    this.catchUpTimeout = catchUpTimeout;
    this.replica = client.monitor(DB, monitorRequest());
    this.replica.addListener(this::onUpdate);
  }

  /** Every table {@link ObservedNb#from} needs, all columns. */
  static MonitorRequest monitorRequest() {
    MonitorRequest.Builder b = MonitorRequest.builder().table(NbTable.LOGICAL_ROUTER);
    for (NbTable t : NbTable.values()) {
      b.table(t.tableName());
    }
    return b.build();
  }

  /** Waits for the first complete replica. */
  public void awaitInitial(Duration timeout) {
    previous = replica.awaitInitial(timeout);
  }

  /** Called with the owners of owned rows that changed in NB, ours or someone else's doing. */
  public void addOwnerListener(Consumer<Set<OwnerKey>> listener) {
    ownerListeners.add(listener);
  }

  public ObservedNb observed() {
    return ObservedNb.from(tables(replica.snapshot()));
  }

  /** Only the rows of {@code owners} (placeholder until the owner index lands: filters all). */
  public ObservedNb observed(Collection<OwnerKey> owners) {
    ObservedNb all = observed();
    Map<OwnerKey, List<io.ovneip.model.diff.ObservedRow>> some = new HashMap<>();
    owners.forEach(o -> some.put(o, all.rows(o)));
    return new ObservedNb(some, all.routersByName(), all.foreignNames());
  }

  /** Rows we own now, by table (for the owned-rows metric). */
  public Map<String, Integer> ownedCounts() {
    Snapshot s = replica.snapshot();
    Map<String, Integer> counts = new HashMap<>();
    for (NbTable t : NbTable.values()) {
      int n = 0;
      for (Row row : s.table(t.tableName()).values()) {
        if (ExternalIds.ownerOf(row).isPresent()) {
          n++;
        }
      }
      counts.put(t.tableName(), n);
    }
    return counts;
  }

  /**
   * Sends {@code ops} as one transaction and waits until the replica reflects it. {@code deleted}
   * are the UUIDs the transaction removes.
   */
  public void apply(List<Operation> ops, Collection<Uuid> deleted) {
    List<OperationResult> results = client.transact(DB, ops);
    Set<Uuid> inserted = new HashSet<>();
    results.forEach(r -> r.insertedUuid().ifPresent(inserted::add));
    awaitReplica(inserted, Set.copyOf(deleted));
  }

  private void awaitReplica(Set<Uuid> inserted, Set<Uuid> deleted) {
    long deadline = System.nanoTime() + catchUpTimeout.toNanos();
    synchronized (catchUp) {
      while (!reflects(replica.snapshot(), inserted, deleted)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException(
              "NB committed our transaction but the replica did not show it within "
                  + catchUpTimeout);
        }
        try {
          catchUp.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted waiting for the NB replica", e);
        }
      }
    }
  }

  private static boolean reflects(Snapshot s, Set<Uuid> inserted, Set<Uuid> deleted) {
    Set<Uuid> present = new HashSet<>();
    for (NbTable t : NbTable.values()) {
      for (Uuid u : s.table(t.tableName()).keySet()) {
        if (inserted.contains(u) || deleted.contains(u)) {
          present.add(u);
        }
      }
    }
    // Inserted rows of non-root tables that were garbage-collected would never show: the
    // encoder references every inserted row, so absence here means lag, not loss.
    return present.containsAll(inserted) && deleted.stream().noneMatch(present::contains);
  }

  private void onUpdate(Snapshot snapshot, Changes changes) {
    Set<OwnerKey> owners = new HashSet<>();
    for (NbTable t : NbTable.values()) {
      Changes.TableChanges c = changes.table(t.tableName());
      collectOwners(snapshot.table(t.tableName()), c.inserted(), owners);
      collectOwners(snapshot.table(t.tableName()), c.modified(), owners);
      collectOwners(previous.table(t.tableName()), c.modified(), owners);
      collectOwners(previous.table(t.tableName()), c.deleted(), owners);
    }
    if (!changes.table(NbTable.LOGICAL_ROUTER).isEmpty()) {
      // A router's nat/policies/ports edited by hand: our references may be gone.
      owners.add(OwnerKey.GATEWAY);
    }
    previous = snapshot;
    synchronized (catchUp) {
      catchUp.notifyAll();
    }
    if (!owners.isEmpty()) {
      for (Consumer<Set<OwnerKey>> l : ownerListeners) {
        try {
          l.accept(Set.copyOf(owners));
        } catch (RuntimeException e) {
          LOG.warn("NB change listener failed", e);
        }
      }
    }
  }

  private static void collectOwners(Map<Uuid, Row> rows, Set<Uuid> uuids, Set<OwnerKey> out) {
    for (Uuid u : uuids) {
      Row row = rows.get(u);
      if (row != null) {
        ExternalIds.ownerOf(row).ifPresent(out::add);
      }
    }
  }

  private static Map<String, Map<Uuid, Row>> tables(Snapshot s) {
    Map<String, Map<Uuid, Row>> out = new HashMap<>();
    List<String> names = new ArrayList<>();
    names.add(NbTable.LOGICAL_ROUTER);
    for (NbTable t : NbTable.values()) {
      names.add(t.tableName());
    }
    for (String n : names) {
      out.put(n, s.table(n));
    }
    return out;
  }

  public boolean connected() {
    return client.isConnected();
  }

  @Override
  public void close() {
    replica.close();
  }
}

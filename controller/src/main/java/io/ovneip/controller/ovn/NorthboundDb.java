package io.ovneip.controller.ovn;

import io.ovneip.model.nb.NbReadColumns;
import io.ovneip.model.nb.NbTable;
import io.ovneip.model.nb.OwnerKey;
import io.ovneip.model.observed.ForeignChanges;
import io.ovneip.model.observed.NbFacts;
import io.ovneip.model.observed.ObservedNb;
import io.ovneip.model.observed.ObservedNbIndex;
import io.ovneip.model.observed.ObservedNbView;
import io.ovneip.model.observed.RowChange;
import io.ovneip.ovsdb.cache.Changes;
import io.ovneip.ovsdb.cache.MonitorRequest;
import io.ovneip.ovsdb.cache.Replica;
import io.ovneip.ovsdb.cache.ReplicaSize;
import io.ovneip.ovsdb.cache.Snapshot;
import io.ovneip.ovsdb.client.OvsdbClient;
import io.ovneip.ovsdb.client.OvsdbOutcomeUnknownException;
import io.ovneip.ovsdb.protocol.Condition;
import io.ovneip.ovsdb.protocol.Mutation;
import io.ovneip.ovsdb.protocol.Operation;
import io.ovneip.ovsdb.protocol.OperationResult;
import io.ovneip.ovsdb.protocol.OvsdbMap;
import io.ovneip.ovsdb.protocol.OvsdbSet;
import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's only Northbound writer, and its replica of the tables it reads.
 *
 * <p>What a diff needs is kept by owner in an {@link ObservedNbIndex}, updated from each replica
 * update on the replica's thread; readers get the immutable view of the latest update, so reading
 * some owners costs their rows, not the whole database.
 *
 * <p>After a transaction commits, {@link #apply} waits until that view shows it (inserted rows
 * present, deleted rows gone). Without that, the next reconcile could diff against a view that lags
 * behind our own write and insert the same rows twice.
 *
 * <p>A transaction that got no reply ({@link OvsdbOutcomeUnknownException}) may have committed, and
 * its rows may reach the replica later, even after a reconnect's resync. Until {@link #awaitSynced}
 * has seen a marker transaction of ours come back through the replica, the view may lack them, so
 * the next reconcile waits for that before it diffs (docs/behaviour.md §9.2).
 */
public final class NorthboundDb implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NorthboundDb.class);
  public static final String DB = "OVN_Northbound";
  private static final String NB_GLOBAL = "NB_Global";

  /** Every table {@link ObservedNb} is made of: ours, and the routers we reference. */
  static final List<String> TABLES = tables();

  private final OvsdbClient client;
  private final Replica replica;
  private final Duration catchUpTimeout;
  private final List<Consumer<Set<OwnerKey>>> ownerListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<ForeignChanges>> foreignListeners = new CopyOnWriteArrayList<>();
  private final Object catchUp = new Object();
  private final ObservedNbIndex index = new ObservedNbIndex(); // guarded by catchUp
  private volatile Indexed indexed = new Indexed(Snapshot.empty(), ObservedNbView.empty());
  private volatile Fence fence; // null until an epoch is claimed (never, without election)
  private volatile Consumer<List<Operation>> beforeSend = ops -> {};

  /**
   * The key of {@code NB_Global.external_ids} that holds the writing leader's epoch, {@code
   * <holder>/<leaseTransitions>} (docs/behaviour.md §9.1). Ours alone: no other key is touched.
   */
  public static final String EPOCH_KEY = "ovn-eip-writer-epoch";

  /** The epoch our transactions are guarded by, and the NB_Global row that holds it. */
  private record Fence(Uuid nbGlobal, String epoch) {}

  /** A transaction's outcome is unknown and no marker has come back through the replica since. */
  private volatile boolean uncertain;

  /** NB_Global's {@code external_ids} key of the marker {@link #awaitSynced} writes. */
  public static final String SYNC_KEY = "ovn-eip.io/sync";

  /** A replica snapshot and the index's view of it: published together, never half-updated. */
  private record Indexed(Snapshot snapshot, ObservedNbView view) {}

  public NorthboundDb(OvsdbClient client, Duration catchUpTimeout) {
    this(client, catchUpTimeout, Columns.READ);
  }

  /**
   * Which columns the replica holds: {@link Columns#READ} in production; {@link Columns#ALL} only
   * to measure what the column lists save (bench {@code memory}).
   */
  public enum Columns {
    READ,
    ALL
  }

  public NorthboundDb(OvsdbClient client, Duration catchUpTimeout, Columns columns) {
    this.client = client;
    this.catchUpTimeout = catchUpTimeout;
    this.replica = Replica.open(client, DB, monitorRequest(columns));
    this.replica.addListener(this::onUpdate);
    catchUpWithReplica();
  }

  private static List<String> tables() {
    List<String> names = new ArrayList<>();
    names.add(NbTable.LOGICAL_ROUTER);
    for (NbTable t : NbTable.values()) {
      names.add(t.tableName());
    }
    return List.copyOf(names);
  }

  /**
   * Every table of {@link #TABLES}, only the columns the model reads ({@link NbReadColumns}). Every
   * row, too, so no monitor condition: the pods' ports and the NAT rows and policies of others are
   * read as much as ours (docs/behaviour.md §2.3, §4.5), and the names of switches, switch ports,
   * router ports and chassis rows of others are what ours must not collide with (those names are
   * unique in the schema).
   */
  static MonitorRequest monitorRequest(Columns columns) {
    MonitorRequest.Builder b = MonitorRequest.builder();
    for (String t : TABLES) {
      if (columns == Columns.ALL) {
        b.table(t);
      } else {
        b.table(t, NbReadColumns.of(t), List.of());
      }
    }
    // Not part of ObservedNb: the one NB_Global row, for the BFD options (docs/behaviour.md §3.2).
    b.table("NB_Global", "options", "external_ids");
    return b.build();
  }

  /** The replica's size now: rows and an estimate of their bytes (bench {@code memory}). */
  public ReplicaSize replicaSize() {
    return ReplicaSize.of(replica.snapshot());
  }

  /** Waits for the first complete replica, and for the index to hold it. */
  public void awaitInitial(Duration timeout) {
    replica.awaitInitial(timeout);
    catchUpWithReplica();
  }

  /** Called with the owners of owned rows that changed in NB, ours or someone else's doing. */
  public void addOwnerListener(Consumer<Set<OwnerKey>> listener) {
    ownerListeners.add(listener);
  }

  /**
   * Called with what changed among the rows not ours the model reads: pods' ports, NAT rows and
   * policies of others, the switches and router ports that make a subnet (docs/behaviour.md §2.3,
   * §4.5).
   */
  public void addForeignListener(Consumer<ForeignChanges> listener) {
    foreignListeners.add(listener);
  }

  /** The rows not ours the model must respect, as of the latest indexed update. */
  public NbFacts facts() {
    return indexed.view().facts();
  }

  /** NB_Global's UUID, {@code options} and {@code external_ids}, when the row exists. */
  public record NbGlobal(
      io.ovneip.ovsdb.protocol.Uuid uuid,
      Map<String, String> options,
      Map<String, String> externalIds) {}

  /** The NB_Global row as the replica holds it now. */
  public java.util.Optional<NbGlobal> nbGlobal() {
    for (var e : replica.snapshot().table("NB_Global").entrySet()) {
      return java.util.Optional.of(
          new NbGlobal(
              e.getKey(),
              stringMap(e.getValue().columns().get("options")),
              stringMap(e.getValue().columns().get("external_ids"))));
    }
    return java.util.Optional.empty();
  }

  private static Map<String, String> stringMap(Object value) {
    Map<String, String> out = new java.util.HashMap<>();
    if (value instanceof io.ovneip.ovsdb.protocol.OvsdbMap m) {
      m.entries().forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    }
    return out;
  }

  /** Every owner's rows. */
  public ObservedNb observed() {
    return indexed.view().observed();
  }

  /**
   * Only {@code owners}' rows (an owner without rows is absent), with every router and foreign
   * name; costs those owners' rows.
   */
  public ObservedNb observed(Collection<OwnerKey> owners) {
    return indexed.view().observed(owners);
  }

  /** Every owner that has rows in NB now. */
  public Set<OwnerKey> observedOwners() {
    return indexed.view().owners();
  }

  /** Rows we own now, by table (for the owned-rows metric). */
  public Map<String, Integer> ownedCounts() {
    return indexed.view().ownedCounts();
  }

  /**
   * Sends {@code ops} as one transaction and waits until the replica reflects it. {@code deleted}
   * are the UUIDs the transaction removes. Returns the UUIDs it inserted and {@code
   * NB_Global.nb_cfg} after it.
   *
   * <p>The same transaction raises {@code NB_Global.nb_cfg} by one and reads it back: each chassis
   * reports in the Southbound when its flows reach that value, which is how a pod's rows are known
   * to be realized (docs/behaviour.md §5.5). A mutation, not a write of a value we computed, so it
   * commutes with other writers' bumps ({@code ovn-nbctl --wait=hv}); it touches no column a {@code
   * wait} of ours guards. One bump per transaction, so per batch: at most one report per chassis
   * per batch, however many pods the batch holds.
   */
  public Applied apply(List<Operation> ops, Collection<Uuid> deleted) {
    List<Operation> all = new ArrayList<>();
    Fence f = fence;
    if (f != null) {
      all.add(fenceWait(f));
    }
    all.addAll(ops);
    all.add(
        new Operation.Mutate(
            NB_GLOBAL, List.of(), List.of(new Mutation("nb_cfg", Mutation.Mutator.ADD, 1L))));
    all.add(new Operation.Select(NB_GLOBAL, List.of(), List.of("nb_cfg")));
    beforeSend.accept(all);
    List<OperationResult> results = transact(all);
    Set<Uuid> inserted = new HashSet<>();
    results.forEach(r -> r.insertedUuid().ifPresent(inserted::add));
    awaitReplica(inserted, Set.copyOf(deleted));
    return new Applied(Set.copyOf(inserted), nbCfgOf(results.get(all.size() - 1)));
  }

  /**
   * Sends {@code ops}; a transaction without a reply leaves this replica {@link #uncertain} until
   * {@link #awaitSynced} clears it.
   */
  private List<OperationResult> transact(List<Operation> ops) {
    try {
      return client.transact(DB, ops);
    } catch (OvsdbOutcomeUnknownException e) {
      uncertain = true;
      throw e;
    }
  }

  /** True while a transaction's outcome is unknown and the replica has not caught up since. */
  public boolean uncertain() {
    return uncertain;
  }

  /**
   * Returns at once unless a transaction's outcome is unknown ({@link #uncertain}); then writes a
   * marker (a fresh value of our key {@link #SYNC_KEY} in NB_Global's {@code external_ids}) and
   * waits, at most the catch-up timeout, until the replica shows it. The server runs one
   * connection's requests in order and sends their updates in commit order, so a replica that shows
   * the marker shows whatever the lost transaction committed: on this connection, the transaction
   * ran before the marker; after a reconnect, the resync (monitor_cond_since) came first. Throws
   * when the marker has no reply or does not come back in time (the batch fails and is retried;
   * still uncertain). Without an NB_Global row (ovn-northd makes it) a select stands in: its reply
   * follows the updates of everything committed before it on this connection, and the replica must
   * have indexed what it had received by then (docs/behaviour.md §9.2).
   */
  public void awaitSynced() {
    if (!uncertain) {
      return;
    }
    String mark = UUID.randomUUID().toString();
    List<Operation> ops =
        List.of(
            new Operation.Mutate(
                NB_GLOBAL,
                List.of(),
                List.of(
                    new Mutation("external_ids", Mutation.Mutator.DELETE, OvsdbSet.of(SYNC_KEY)),
                    new Mutation(
                        "external_ids",
                        Mutation.Mutator.INSERT,
                        OvsdbMap.of(Map.of(SYNC_KEY, mark))))),
            new Operation.Select(NB_GLOBAL, List.of(), List.of("_uuid")));
    List<OperationResult> results = transact(ops);
    boolean hasGlobal = !results.get(1).selectedRows().isEmpty();
    long deadline = System.nanoTime() + catchUpTimeout.toNanos();
    synchronized (catchUp) {
      while (hasGlobal && !marked(indexed.snapshot(), mark)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException(
              "NB replica did not catch up with the server within "
                  + catchUpTimeout
                  + " after a transaction of unknown outcome");
        }
        try {
          catchUp.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted waiting for the NB replica", e);
        }
      }
    }
    if (!hasGlobal) {
      catchUpWithReplica();
    }
    uncertain = false;
    LOG.info("NB replica caught up with the server after a transaction of unknown outcome");
  }

  private static boolean marked(Snapshot s, String mark) {
    for (Row row : s.table(NB_GLOBAL).values()) {
      if (mark.equals(stringMap(row.columns().get("external_ids")).get(SYNC_KEY))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The fence of docs/behaviour.md §9.1: holds only while NB_Global still records our epoch. On
   * {@code _uuid} alone, with our key matched by {@code includes}, so other writers' keys and
   * columns ({@code nb_cfg}, bumped in the same transaction) never fail it. A deposed leader that
   * does not know yet has its transaction refused ("timed out", a batch failure: OwnerQuarantine)
   * and changes nothing of its successor's.
   */
  private static Operation fenceWait(Fence f) {
    return new Operation.Wait(
        NB_GLOBAL,
        List.of(
            Condition.eq("_uuid", f.nbGlobal()),
            Condition.includes("external_ids", OvsdbMap.of(Map.of(EPOCH_KEY, f.epoch())))),
        List.of("_uuid"),
        "==",
        List.of(Row.of(Map.of("_uuid", f.nbGlobal()))),
        0L);
  }

  /** The epoch our transactions carry, once claimed. */
  public java.util.Optional<String> epoch() {
    Fence f = fence;
    return f == null ? java.util.Optional.empty() : java.util.Optional.of(f.epoch());
  }

  /**
   * The writer epoch NB records now, as the replica shows it: someone's, ours, or, after NB was
   * restored from a backup, an older one.
   */
  public java.util.Optional<String> recordedEpoch() {
    return nbGlobal().map(g -> g.externalIds().get(EPOCH_KEY));
  }

  /**
   * Records {@code epoch} ({@code <holder>/<transitions>}) in NB_Global as the writing leader's,
   * and guards every later transaction with it (docs/behaviour.md §9.1). Refused (an exception)
   * when NB already records a later epoch, or when the key changed since the replica saw it: a
   * deposed leader never overwrites its successor's epoch. Only our key is mutated (delete it,
   * insert it).
   */
  public void claimEpoch(String epoch, long transitions) {
    NbGlobal g =
        nbGlobal().orElseThrow(() -> new IllegalStateException("NB has no NB_Global row yet"));
    String current = g.externalIds().get(EPOCH_KEY);
    if (current != null && transitionsOf(current) > transitions) {
      throw new IllegalStateException(
          "NB records a later writer epoch " + current + " than ours, " + epoch);
    }
    List<Operation> ops = new ArrayList<>();
    Condition row = Condition.eq("_uuid", g.uuid());
    if (current != null) {
      ops.add(fenceWait(new Fence(g.uuid(), current)));
    } else {
      // No epoch yet: guard on the whole map as the replica saw it (a concurrent edit of another
      // key only makes us try again at the next batch).
      ops.add(
          new Operation.Wait(
              NB_GLOBAL,
              List.of(row),
              List.of("external_ids"),
              "==",
              List.of(Row.of(Map.of("external_ids", OvsdbMap.of(g.externalIds())))),
              0L));
    }
    ops.add(
        new Operation.Mutate(
            NB_GLOBAL,
            List.of(row),
            List.of(
                Mutation.delete("external_ids", OvsdbSet.of(EPOCH_KEY)),
                Mutation.insert("external_ids", OvsdbMap.of(Map.of(EPOCH_KEY, epoch))))));
    beforeSend.accept(ops);
    client.transact(DB, ops);
    fence = new Fence(g.uuid(), epoch);
    LOG.info("writer epoch {} recorded in NB (was {})", epoch, current);
  }

  /** The Lease transitions of an epoch value; -1 for a value not of ours' form. */
  static long transitionsOf(String epoch) {
    try {
      return Long.parseLong(epoch.substring(epoch.lastIndexOf('/') + 1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Tests only: called with each transaction's operations right before it is sent, on the sending
   * thread (a hook that blocks stalls this writer, as a long pause would).
   */
  public void beforeSendForTests(Consumer<List<Operation>> hook) {
    this.beforeSend = hook;
  }

  /**
   * What a transaction did: the UUIDs it inserted, and {@code NB_Global.nb_cfg} after it (empty
   * when NB has no NB_Global row: ovn-northd creates it).
   */
  public record Applied(Set<Uuid> inserted, OptionalLong nbCfg) {}

  /**
   * {@code NB_Global.nb_cfg} now: for rows committed before this process wrote anything, a chassis
   * at this value has them (docs/behaviour.md §5.5).
   */
  public OptionalLong nbCfg() {
    List<OperationResult> results =
        client.transact(DB, List.of(new Operation.Select(NB_GLOBAL, List.of(), List.of("nb_cfg"))));
    return nbCfgOf(results.get(0));
  }

  private static OptionalLong nbCfgOf(OperationResult selected) {
    for (Row row : selected.selectedRows()) {
      if (row.columns().get("nb_cfg") instanceof Number n) {
        return OptionalLong.of(n.longValue());
      }
    }
    return OptionalLong.empty();
  }

  private void awaitReplica(Set<Uuid> inserted, Set<Uuid> deleted) {
    long deadline = System.nanoTime() + catchUpTimeout.toNanos();
    synchronized (catchUp) {
      // The indexed snapshot, not the replica's: readers read the index, which follows it.
      while (!reflects(indexed.snapshot(), inserted, deleted)) {
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

  /**
   * By lookup: a UUID does not say its table, so each is looked for in every table we monitor.
   * Inserted rows of non-root tables that were garbage-collected would never show: the encoder
   * references every inserted row, so absence here means lag, not loss.
   */
  private static boolean reflects(Snapshot s, Set<Uuid> inserted, Set<Uuid> deleted) {
    return inserted.stream().allMatch(u -> present(s, u))
        && deleted.stream().noneMatch(u -> present(s, u));
  }

  private static boolean present(Snapshot s, Uuid uuid) {
    for (String table : TABLES) {
      if (s.table(table).containsKey(uuid)) {
        return true;
      }
    }
    return false;
  }

  private void onUpdate(Snapshot snapshot, Changes changes) {
    advance(snapshot, previous -> ReplicaRowChanges.of(previous, snapshot, changes, TABLES));
  }

  /**
   * Indexes what the replica holds if our listener has not: the monitor's first reply can arrive
   * before the listener is added, and {@link Replica#awaitInitial} returns before listeners run.
   */
  private void catchUpWithReplica() {
    Snapshot now = replica.snapshot();
    advance(now, previous -> ReplicaRowChanges.between(previous, now, TABLES));
  }

  /**
   * Moves the index from the snapshot it holds to {@code next}. Updates arrive in order on the
   * replica's thread; a catch-up only ever reads the replica's latest snapshot. So {@code next} is
   * the indexed snapshot again (nothing to do) or a later one whose differences {@code changes}
   * lists.
   */
  private void advance(Snapshot next, Function<Snapshot, List<RowChange>> changes) {
    Set<OwnerKey> owners;
    ForeignChanges foreign;
    synchronized (catchUp) {
      Snapshot previous = indexed.snapshot();
      if (next == previous) {
        return;
      }
      List<RowChange> rows = changes.apply(previous);
      owners = new HashSet<>(index.apply(rows));
      foreign = index.lastForeignChanges();
      if (rows.stream().anyMatch(r -> r.table().equals(NbTable.LOGICAL_ROUTER))) {
        // A router's nat/policies/ports edited by hand: our references may be gone.
        owners.add(OwnerKey.GATEWAY);
      }
      indexed = new Indexed(next, index.view());
      catchUp.notifyAll();
    }
    // Foreign listeners first: an update that changed the rows not ours the model reads (e.g.
    // `ovn-eip adopt` turning Kube-OVN's rows into ours) must have its keys queued before the owner
    // keys, or a batch of owner keys alone could reuse a desired state decided from the old facts
    // and delete the rows it just gained, to write them again a batch later: an outage
    // (docs/behaviour.md §8).
    if (!foreign.isEmpty()) {
      for (Consumer<ForeignChanges> l : foreignListeners) {
        try {
          l.accept(foreign);
        } catch (RuntimeException e) {
          LOG.warn("NB change listener failed", e);
        }
      }
    }
    if (!owners.isEmpty()) {
      notifyOwnerListeners(Set.copyOf(owners));
    }
  }

  private void notifyOwnerListeners(Set<OwnerKey> owners) {
    for (Consumer<Set<OwnerKey>> l : ownerListeners) {
      try {
        l.accept(owners);
      } catch (RuntimeException e) {
        LOG.warn("NB change listener failed", e);
      }
    }
  }

  public boolean connected() {
    return client.isConnected();
  }

  @Override
  public void close() {
    replica.close();
  }
}

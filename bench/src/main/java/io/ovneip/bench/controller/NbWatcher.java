package io.ovneip.bench.controller;

import io.ovneip.bench.RowOps;
import io.ovneip.model.nb.ExternalIds;
import io.ovneip.model.nb.OwnerKey;
import io.ovneip.ovsdb.cache.Changes;
import io.ovneip.ovsdb.cache.MonitorRequest;
import io.ovneip.ovsdb.cache.Replica;
import io.ovneip.ovsdb.cache.Snapshot;
import io.ovneip.ovsdb.client.OvsdbClient;
import io.ovneip.ovsdb.client.OvsdbClientOptions;
import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * The independent NB monitor: a second {@link OvsdbClient} replica of NAT and
 * Logical_Router_Policy, with nothing in common with the controller but the database. It records
 * when a condition on the pod-owned rows first holds: the time a monitor update arrives is the time
 * the benchmark can see the commit.
 */
final class NbWatcher implements AutoCloseable {
  /**
   * Pod-owned rows, kept up to date from each update's changes (rebuilding it from 20,000 rows per
   * update would add its own milliseconds to every latency measured). Read and written only under
   * the watcher's lock.
   */
  static final class View {
    private final Map<Uuid, String[]> rows = new HashMap<>(); // uuid -> {table, owner, external}
    private final Map<String, Set<String>> natsByOwner = new HashMap<>();
    private final Map<String, Integer> policiesByOwner = new HashMap<>();
    private int nats;
    private int policies;

    int nats() {
      return nats;
    }

    int policies() {
      return policies;
    }

    /** True when {@code owner}'s only NAT row is the one to {@code external}. */
    boolean natIs(String owner, String external) {
      return Set.of(external).equals(natsByOwner.get(owner));
    }

    /** True when {@code owner} has no row left. */
    boolean gone(String owner) {
      return !natsByOwner.containsKey(owner) && !policiesByOwner.containsKey(owner);
    }

    private void remove(Uuid u) {
      String[] old = rows.remove(u);
      if (old == null) {
        return;
      }
      if (old[0].equals("NAT")) {
        Set<String> ext = natsByOwner.get(old[1]);
        ext.remove(old[2]);
        if (ext.isEmpty()) {
          natsByOwner.remove(old[1]);
        }
        nats--;
      } else {
        if (policiesByOwner.merge(old[1], -1, Integer::sum) == 0) {
          policiesByOwner.remove(old[1]);
        }
        policies--;
      }
    }

    private void put(String table, Uuid u, Row r) {
      remove(u);
      String owner =
          ExternalIds.ownerOf(r).filter(o -> o.pod().isPresent()).map(OwnerKey::value).orElse(null);
      if (owner == null) {
        return;
      }
      String ext = table.equals("NAT") ? (String) r.get("external_ip").orElse("") : "";
      rows.put(u, new String[] {table, owner, ext});
      if (table.equals("NAT")) {
        natsByOwner.computeIfAbsent(owner, k -> new HashSet<>()).add(ext);
        nats++;
      } else {
        policiesByOwner.merge(owner, 1, Integer::sum);
        policies++;
      }
    }
  }

  private final OvsdbClient client;
  private final Replica replica;
  private final Conditions<View> conditions = new Conditions<>();
  private final View view = new View();

  NbWatcher(String remotes) {
    client =
        OvsdbClient.connect(
            OvsdbClientOptions.builder(remotes).callTimeout(Duration.ofSeconds(60)).build());
    replica =
        Replica.open(
            client,
            RowOps.DB,
            MonitorRequest.builder()
                .table("NAT", "external_ip", "external_ids")
                .table("Logical_Router_Policy", "external_ids")
                .build());
    replica.addListener(this::onUpdate);
    Snapshot initial = replica.awaitInitial(Duration.ofSeconds(60));
    // The first reply may have arrived before the listener was added; put() is idempotent.
    synchronized (this) {
      for (String table : List.of("NAT", "Logical_Router_Policy")) {
        initial.table(table).forEach((u, r) -> view.put(table, u, r));
      }
    }
  }

  /**
   * Completes with the {@link System#nanoTime} of the first update after which {@code condition}
   * holds (now, if it already does). The condition runs on the replica's thread: keep it cheap.
   */
  synchronized CompletableFuture<Long> when(Predicate<View> condition) {
    return conditions.when(condition, view);
  }

  /** Reads the view under the lock. */
  synchronized <T> T read(java.util.function.Function<View, T> f) {
    return f.apply(view);
  }

  private synchronized void onUpdate(Snapshot s, Changes changes) {
    long now = System.nanoTime();
    for (String table : List.of("NAT", "Logical_Router_Policy")) {
      Changes.TableChanges c = changes.table(table);
      c.deleted().forEach(view::remove);
      for (Set<Uuid> set : List.of(c.inserted(), c.modified())) {
        for (Uuid u : set) {
          s.row(table, u).ifPresent(r -> view.put(table, u, r));
        }
      }
    }
    conditions.changed(view, now);
  }

  @Override
  public void close() {
    replica.close();
    client.close();
  }
}

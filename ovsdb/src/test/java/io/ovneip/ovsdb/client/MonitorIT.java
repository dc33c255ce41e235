package io.ovneip.ovsdb.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ovneip.ovsdb.cache.Changes;
import io.ovneip.ovsdb.cache.MonitorRequest;
import io.ovneip.ovsdb.cache.Replica;
import io.ovneip.ovsdb.cache.Snapshot;
import io.ovneip.ovsdb.protocol.Condition;
import io.ovneip.ovsdb.protocol.Condition.Function;
import io.ovneip.ovsdb.protocol.Mutation;
import io.ovneip.ovsdb.protocol.Operation;
import io.ovneip.ovsdb.protocol.OvsdbMap;
import io.ovneip.ovsdb.protocol.OvsdbSet;
import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import io.ovneip.testkit.OvsdbServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Replicas fed by monitor_cond_since against a real ovsdb-server. */
class MonitorIT {
  static final String DB = "Types";
  static final List<String> COLS =
      List.of("name", "i", "r", "b", "color", "opt", "tags", "reals", "kv", "children", "pinned");
  OvsdbServer server;
  OvsdbClient client;

  @BeforeEach
  void start() throws Exception {
    Path schema = Path.of(MonitorIT.class.getResource("/types.ovsschema").toURI());
    server = OvsdbServer.builder(schema, DB).start();
    client = OvsdbClient.connect(OvsdbClientOptions.of(server.unixRemote()));
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    server.close();
  }

  void tx(Operation... ops) {
    client.transact(DB, List.of(ops));
  }

  void awaitSameAsServer(Replica replica) {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(Replicas.project(replica.snapshot(), "Root", COLS))
                    .isEqualTo(Replicas.selectAll(client, DB, "Root", COLS)));
  }

  @Test
  void followsInsertsModificationsOfEveryKindAndDeletes() {
    tx(new Operation.Insert("Root", Row.of(Map.of("name", "before", "i", 1L)), null));
    Replica replica = Replica.open(client, DB, MonitorRequest.of("Root"));
    List<Changes> seen = new CopyOnWriteArrayList<>();
    replica.addListener((s, c) -> seen.add(c));
    Snapshot initial = replica.awaitInitial(Duration.ofSeconds(10));
    assertThat(initial.table("Root")).hasSize(1);
    Row before = initial.table("Root").values().iterator().next();
    // update2 omits default values of inserted rows; the replica fills them in
    assertThat(before.columns())
        .containsEntry("r", 0.0)
        .containsEntry("b", false)
        .containsEntry("opt", OvsdbSet.empty())
        .containsEntry("kv", OvsdbMap.empty());

    tx(
        new Operation.Insert(
            "Root",
            Row.of(
                Map.of(
                    "name", "x",
                    "tags", OvsdbSet.of("a", "b"),
                    "kv", OvsdbMap.of(Map.of("k1", 1L, "k2", 2L)),
                    "color", OvsdbSet.of("red"))),
            null));
    awaitSameAsServer(replica);

    List<Condition> x = List.of(Condition.eq("name", "x"));
    tx(
        new Operation.Mutate(
            "Root",
            x,
            List.of(
                Mutation.delete("tags", OvsdbSet.of("a")),
                Mutation.insert("tags", OvsdbSet.of("c")),
                Mutation.delete("kv", OvsdbSet.of("k1")),
                Mutation.insert("kv", OvsdbMap.of(Map.of("k3", 3L))))),
        new Operation.Update(
            "Root",
            x,
            Row.of(Map.of("color", OvsdbSet.of("green"), "opt", OvsdbSet.of(4L), "r", 1.25))));
    awaitSameAsServer(replica);
    // a map value replaced in place (same key, new value)
    tx(
        new Operation.Update(
            "Root", x, Row.of(Map.of("kv", OvsdbMap.of(Map.of("k2", 20L, "k3", 3L))))));
    awaitSameAsServer(replica);
    Row row =
        replica.snapshot().table("Root").values().stream()
            .filter(r -> r.columns().get("name").equals("x"))
            .findFirst()
            .orElseThrow();
    assertThat(row.columns())
        .containsEntry("tags", OvsdbSet.of("b", "c"))
        .containsEntry("kv", OvsdbMap.of(Map.of("k2", 20L, "k3", 3L)))
        .containsEntry("color", OvsdbSet.of("green"))
        .containsEntry("opt", OvsdbSet.of(4L))
        .containsEntry("r", 1.25);
    Uuid xUuid = row.uuid().orElseThrow();

    tx(new Operation.Delete("Root", x));
    awaitSameAsServer(replica);
    assertThat(replica.snapshot().row("Root", xUuid)).isEmpty();
    assertThat(seen).anySatisfy(c -> assertThat(c.table("Root").deleted()).containsExactly(xUuid));
    assertThat(seen).anySatisfy(c -> assertThat(c.table("Root").inserted()).containsExactly(xUuid));
    assertThat(replica.stats().fullSyncs()).isEqualTo(1);
  }

  @Test
  void conditionsAndColumnsLimitTheReplica() {
    Replica replica =
        Replica.open(
            client,
            DB,
            MonitorRequest.builder()
                .table("Root", List.of("name", "i"), List.of(new Condition("i", Function.GT, 5L)))
                .build());
    replica.awaitInitial(Duration.ofSeconds(10));
    tx(
        new Operation.Insert("Root", Row.of(Map.of("name", "small", "i", 1L)), null),
        new Operation.Insert("Root", Row.of(Map.of("name", "big", "i", 9L, "b", true)), null));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> replica.snapshot().table("Root").size() == 1);
    Row big = replica.snapshot().table("Root").values().iterator().next();
    assertThat(big.columns().keySet()).containsExactlyInAnyOrder("_uuid", "name", "i");
    assertThat(big.columns()).containsEntry("name", "big");

    // crossing the condition moves rows in and out of the replica
    tx(
        new Operation.Update(
            "Root", List.of(Condition.eq("name", "small")), Row.of(Map.of("i", 6L))),
        new Operation.Update(
            "Root", List.of(Condition.eq("name", "big")), Row.of(Map.of("i", 2L))));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(replica.snapshot().table("Root").values())
                    .extracting(r -> r.columns().get("name"))
                    .containsExactly("small"));
  }

  @Test
  void closedReplicaStopsFollowing() {
    Replica replica = Replica.open(client, DB, MonitorRequest.of("Root"));
    replica.awaitInitial(Duration.ofSeconds(10));
    replica.close();
    tx(new Operation.Insert("Root", Row.of(Map.of("name", "after-close")), null));
    assertThat(client.transact(DB, List.of(new Operation.Comment("sync")))).hasSize(1);
    assertThat(replica.snapshot().table("Root")).isEmpty();
  }
}

package io.ovneip.ovsdb.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovneip.ovsdb.protocol.Condition;
import io.ovneip.ovsdb.protocol.Condition.Function;
import io.ovneip.ovsdb.protocol.Mutation;
import io.ovneip.ovsdb.protocol.Mutation.Mutator;
import io.ovneip.ovsdb.protocol.NamedUuid;
import io.ovneip.ovsdb.protocol.Operation;
import io.ovneip.ovsdb.protocol.OperationResult;
import io.ovneip.ovsdb.protocol.OvsdbMap;
import io.ovneip.ovsdb.protocol.OvsdbSet;
import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import io.ovneip.testkit.OvsdbServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every RFC 7047 operation and value type, and the server's typed errors, against a real
 * ovsdb-server serving a schema with one column of each kind ({@code types.ovsschema}).
 */
class TypesIT {
  static final String DB = "Types";
  static OvsdbServer server;
  static OvsdbClient client;

  @BeforeAll
  static void start() throws Exception {
    Path schema = Path.of(TypesIT.class.getResource("/types.ovsschema").toURI());
    server = OvsdbServer.builder(schema, DB).start();
    client = OvsdbClient.connect(OvsdbClientOptions.of(server.tcpRemote()));
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    server.close();
  }

  static List<OperationResult> tx(Operation... ops) {
    return client.transact(DB, List.of(ops));
  }

  static Row root(String name, Map<String, Object> extra) {
    Map<String, Object> cols = new HashMap<>(extra);
    cols.put("name", name);
    return Row.of(cols);
  }

  static Row select(String name) {
    List<Row> rows =
        tx(new Operation.Select("Root", List.of(Condition.eq("name", name)), null))
            .get(0)
            .selectedRows();
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  @Test
  void everyValueTypeRoundTrips() {
    List<OperationResult> r =
        tx(
            new Operation.Insert("Pinned", Row.of(Map.of("label", "p")), "pin"),
            new Operation.Insert("Child", Row.of(Map.of("label", "c")), "kid"),
            new Operation.Insert(
                "Root",
                root(
                    "all",
                    Map.of(
                        "i", 7L,
                        "r", 2.0,
                        "b", true,
                        "color", OvsdbSet.of("red"),
                        "opt", OvsdbSet.empty(),
                        "tags", OvsdbSet.of("a", "b"),
                        "reals", OvsdbSet.of(0.5, 3.0),
                        "kv", OvsdbMap.of(Map.of("x", 1L, "y", -2L)),
                        "children", OvsdbSet.of(new NamedUuid("kid")),
                        "pinned", OvsdbSet.of(new NamedUuid("pin")))),
                null));
    Uuid pin = r.get(0).insertedUuid().orElseThrow();
    Uuid kid = r.get(1).insertedUuid().orElseThrow();

    Row row = select("all");
    assertThat(row.uuid()).contains(r.get(2).insertedUuid().orElseThrow());
    assertThat(row.columns())
        .containsEntry("i", 7L)
        .containsEntry("r", 2.0) // the server prints 2.0 as 2: decoded by type, still a Double
        .containsEntry("b", true)
        .containsEntry("color", OvsdbSet.of("red"))
        .containsEntry("opt", OvsdbSet.empty())
        .containsEntry("tags", OvsdbSet.of("a", "b"))
        .containsEntry("reals", OvsdbSet.of(0.5, 3.0))
        .containsEntry("kv", OvsdbMap.of(Map.of("x", 1L, "y", -2L)))
        .containsEntry("children", OvsdbSet.of(kid))
        .containsEntry("pinned", OvsdbSet.of(pin));
    assertThat(row.get("_version")).get().isInstanceOf(Uuid.class);
  }

  @Test
  void selectWithColumnsAndEveryConditionFunction() {
    for (long i = 1; i <= 3; i++) {
      tx(
          new Operation.Insert(
              "Root",
              root("cond" + i, Map.of("i", i, "tags", OvsdbSet.of("t" + i, "cond"))),
              null));
    }
    assertThat(names(new Condition("i", Function.LT, 2L))).containsExactly("cond1");
    assertThat(names(new Condition("i", Function.LE, 2L))).containsExactly("cond1", "cond2");
    assertThat(names(new Condition("i", Function.GT, 2L))).containsExactly("cond3");
    assertThat(names(new Condition("i", Function.GE, 2L))).containsExactly("cond2", "cond3");
    assertThat(names(new Condition("i", Function.NE, 2L))).containsExactly("cond1", "cond3");
    assertThat(names(Condition.includes("tags", OvsdbSet.of("t3")))).containsExactly("cond3");
    assertThat(names(new Condition("tags", Function.EXCLUDES, OvsdbSet.of("t3"))))
        .containsExactly("cond1", "cond2");
  }

  private static List<String> names(Condition c) {
    List<Row> rows =
        tx(new Operation.Select(
                "Root",
                List.of(c, Condition.includes("tags", OvsdbSet.of("cond"))),
                List.of("name")))
            .get(0)
            .selectedRows();
    rows.forEach(r -> assertThat(r.columns().keySet()).containsExactly("name"));
    return rows.stream().map(r -> (String) r.columns().get("name")).sorted().toList();
  }

  @Test
  void everyMutator() {
    tx(
        new Operation.Insert(
            "Root",
            root(
                "mut",
                Map.of(
                    "i",
                    10L,
                    "r",
                    1.5,
                    "tags",
                    OvsdbSet.of("a"),
                    "kv",
                    OvsdbMap.of(Map.of("k", 1L)))),
            null));
    List<Condition> where = List.of(Condition.eq("name", "mut"));
    tx(
        new Operation.Mutate(
            "Root",
            where,
            List.of(
                new Mutation("i", Mutator.ADD, 5L), // 15
                new Mutation("i", Mutator.MULTIPLY, 4L), // 60
                new Mutation("i", Mutator.SUBTRACT, 3L), // 57
                new Mutation("i", Mutator.DIVIDE, 2L), // 28
                new Mutation("i", Mutator.MODULO, 10L), // 8
                new Mutation("r", Mutator.MULTIPLY, 2.0), // 3.0
                Mutation.insert("tags", OvsdbSet.of("b", "c")),
                Mutation.delete("tags", OvsdbSet.of("a")),
                Mutation.insert("kv", OvsdbMap.of(Map.of("n", 2L))),
                Mutation.delete("kv", OvsdbSet.of("k")))));
    assertThat(select("mut").columns())
        .containsEntry("i", 8L)
        .containsEntry("r", 3.0)
        .containsEntry("tags", OvsdbSet.of("b", "c"))
        .containsEntry("kv", OvsdbMap.of(Map.of("n", 2L)));
  }

  @Test
  void waitCommitCommentAbort() {
    tx(new Operation.Insert("Root", root("w", Map.of("i", 3L)), null));
    List<Condition> where = List.of(Condition.eq("name", "w"));
    List<OperationResult> ok =
        tx(
            new Operation.Wait(
                "Root", where, List.of("i"), "==", List.of(Row.of(Map.of("i", 3L))), 0L),
            new Operation.Comment("ovn-eip test"),
            new Operation.Update("Root", where, Row.of(Map.of("i", 4L))),
            new Operation.Commit(true));
    assertThat(ok).hasSize(4);
    assertThat(select("w").columns()).containsEntry("i", 4L);

    assertThatThrownBy(
            () ->
                tx(
                    new Operation.Update("Root", where, Row.of(Map.of("i", 5L))),
                    new Operation.Wait(
                        "Root", where, List.of("i"), "==", List.of(Row.of(Map.of("i", 99L))), 0L)))
        .isInstanceOfSatisfying(
            OvsdbTransactionException.class,
            e -> {
              assertThat(e.operationIndex()).isEqualTo(1);
              assertThat(e.error()).isEqualTo("timed out");
              assertThat(e.results()).hasSize(1);
            });

    assertThatThrownBy(
            () ->
                tx(
                    new Operation.Update("Root", where, Row.of(Map.of("i", 6L))),
                    new Operation.Abort()))
        .isInstanceOfSatisfying(
            OvsdbTransactionException.class,
            e -> {
              assertThat(e.operationIndex()).isEqualTo(1);
              assertThat(e.error()).isEqualTo("aborted");
            });
    assertThat(select("w").columns()).containsEntry("i", 4L); // neither failure committed
  }

  @Test
  void assertNeedsTheLock() {
    assertThatThrownBy(() -> tx(new Operation.Assert("eip_lock")))
        .isInstanceOfSatisfying(
            OvsdbTransactionException.class,
            e -> {
              assertThat(e.operationIndex()).isZero();
              assertThat(e.error()).isEqualTo("not owner");
            });
    assertThat(client.lock("eip_lock")).isTrue();
    try {
      assertThat(tx(new Operation.Assert("eip_lock"), new Operation.Comment("locked"))).hasSize(2);
    } finally {
      client.unlock("eip_lock");
    }
  }

  @Test
  void constraintViolationNamesTheOperation() {
    assertThatThrownBy(
            () ->
                tx(
                    new Operation.Insert("Root", root("ok-before", Map.of()), null),
                    new Operation.Insert("Root", root("too-big", Map.of("i", 5000L)), null)))
        .isInstanceOfSatisfying(
            OvsdbTransactionException.class,
            e -> {
              assertThat(e.operationIndex()).isEqualTo(1);
              assertThat(e.afterOperations()).isFalse();
              assertThat(e.error()).isEqualTo("constraint violation");
              assertThat(e.details()).contains("5000");
            });
    assertThat(
            tx(new Operation.Select("Root", List.of(Condition.eq("name", "ok-before")), null))
                .get(0)
                .selectedRows())
        .isEmpty();
  }

  @Test
  void commitTimeErrorsComeAfterTheOperations() {
    tx(new Operation.Insert("Root", root("dup", Map.of()), null));
    assertThatThrownBy(() -> tx(new Operation.Insert("Root", root("dup", Map.of()), null)))
        .isInstanceOfSatisfying(
            OvsdbTransactionException.class,
            e -> {
              assertThat(e.afterOperations()).isTrue();
              assertThat(e.operationIndex()).isEqualTo(1);
              assertThat(e.error()).isEqualTo("constraint violation");
              assertThat(e.details()).contains("dup");
            });

    Uuid pin =
        tx(
                new Operation.Insert("Pinned", Row.of(Map.of("label", "held")), "p"),
                new Operation.Insert(
                    "Root",
                    root("holder", Map.of("pinned", OvsdbSet.of(new NamedUuid("p")))),
                    null))
            .get(0)
            .insertedUuid()
            .orElseThrow();
    assertThatThrownBy(
            () -> tx(new Operation.Delete("Pinned", List.of(Condition.eq("_uuid", pin)))))
        .isInstanceOfSatisfying(
            OvsdbTransactionException.class,
            e -> {
              assertThat(e.afterOperations()).isTrue();
              assertThat(e.error()).isEqualTo("referential integrity violation");
            });
  }

  @Test
  void unreferencedRowsOfNonRootTablesVanish() {
    Uuid orphan =
        tx(new Operation.Insert("Child", Row.of(Map.of("label", "orphan")), null))
            .get(0)
            .insertedUuid()
            .orElseThrow();
    assertThat(
            tx(new Operation.Select("Child", List.of(Condition.eq("_uuid", orphan)), null))
                .get(0)
                .selectedRows())
        .isEmpty();
  }

  @Test
  void unknownDatabaseIsAnRpcError() {
    assertThatThrownBy(() -> client.transact("Nope", List.of(new Operation.Comment("x"))))
        .isInstanceOfSatisfying(
            OvsdbRpcException.class, e -> assertThat(e.error()).contains("unknown database"));
  }

  @Test
  void manyThreadsTransactAtOnce() throws Exception {
    int threads = 8;
    int perThread = 40;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int tt = t;
        done.add(
            pool.submit(
                () -> {
                  List<CompletableFuture<List<OperationResult>>> async = new ArrayList<>();
                  for (int i = 0; i < perThread; i++) {
                    Operation op =
                        new Operation.Insert(
                            "Root", root("mt-" + tt + "-" + i, Map.of("i", (long) i)), null);
                    if (i % 2 == 0) {
                      assertThat(client.transact(DB, List.of(op)).get(0).insertedUuid())
                          .isPresent();
                    } else {
                      async.add(client.transactAsync(DB, List.of(op)));
                    }
                  }
                  async.forEach(f -> assertThat(f.join().get(0).insertedUuid()).isPresent());
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    long count =
        tx(new Operation.Select("Root", List.of(), List.of("name"))).get(0).selectedRows().stream()
            .filter(r -> ((String) r.columns().get("name")).startsWith("mt-"))
            .count();
    assertThat(count).isEqualTo(threads * perThread);
  }
}

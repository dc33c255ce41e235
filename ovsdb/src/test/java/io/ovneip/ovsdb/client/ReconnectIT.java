package io.ovneip.ovsdb.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ovneip.ovsdb.cache.MonitorRequest;
import io.ovneip.ovsdb.cache.Replica;
import io.ovneip.ovsdb.protocol.Condition;
import io.ovneip.ovsdb.protocol.Operation;
import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.testkit.Exec;
import io.ovneip.testkit.OvsdbServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The standalone server dies and comes back: calls fail clearly, the replica ends up correct. */
class ReconnectIT {
  static final String DB = "Types";
  static final List<String> COLS = List.of("name", "i");
  OvsdbServer server;
  OvsdbClient client;

  @BeforeEach
  void start() throws Exception {
    Path schema = Path.of(ReconnectIT.class.getResource("/types.ovsschema").toURI());
    server = OvsdbServer.builder(schema, DB).start();
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    server.close();
  }

  void insert(String name, long i) {
    client.transact(
        DB, List.of(new Operation.Insert("Root", Row.of(Map.of("name", name, "i", i)), null)));
  }

  @Test
  void reconnectsAfterKillAndRestartWithACorrectReplica() {
    client =
        OvsdbClient.connect(
            OvsdbClientOptions.builder(server.tcpRemote())
                .callTimeout(Duration.ofSeconds(2))
                .backoff(Duration.ofMillis(50), Duration.ofMillis(400))
                .build());
    Replica replica =
        Replica.open(client, DB, MonitorRequest.builder().table("Root", "name", "i").build());
    replica.awaitInitial(Duration.ofSeconds(10));
    insert("keep", 1);
    insert("gone-offline", 2);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> replica.snapshot().table("Root").size() == 2);

    server.kill();
    // Sent on the lost connection: the outcome is unknown; or no connection at all: not sent.
    assertThatThrownBy(() -> insert("while-down", 3))
        .isInstanceOfAny(OvsdbOutcomeUnknownException.class, OvsdbTimeoutException.class);
    await().atMost(Duration.ofSeconds(5)).until(() -> !client.isConnected());

    // Changed behind the client's back while the server is down: the replica must notice.
    Exec.check(
        server.dir(),
        Duration.ofSeconds(10),
        "ovsdb-tool",
        "transact",
        server.dbFile().toString(),
        "[\"Types\",{\"op\":\"delete\",\"table\":\"Root\",\"where\":[[\"name\",\"==\",\"gone-offline\"]]},"
            + "{\"op\":\"update\",\"table\":\"Root\",\"where\":[[\"name\",\"==\",\"keep\"]],\"row\":{\"i\":10}}]");
    server.restart();

    await().atMost(Duration.ofSeconds(10)).until(client::isConnected);
    insert("after", 4);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(Replicas.project(replica.snapshot(), "Root", COLS))
                    .isEqualTo(Replicas.selectAll(client, DB, "Root", COLS)));
    assertThat(replica.snapshot().table("Root").values())
        .extracting(r -> r.columns().get("name") + "=" + r.columns().get("i"))
        .containsExactlyInAnyOrder("keep=10", "after=4");
    assertThat(replica.stats().fullSyncs()).isEqualTo(2); // standalone: no txn history to resume
  }

  @Test
  void aTransactionWithoutReplyHasAnUnknownOutcomeAndMayStillCommit() throws Exception {
    client =
        OvsdbClient.connect(
            OvsdbClientOptions.builder(server.tcpRemote())
                .callTimeout(Duration.ofMillis(500))
                .build());
    insert("before", 1); // the schema is fetched: the next call is the transact alone
    signal("STOP");
    try {
      assertThatThrownBy(() -> insert("frozen", 2))
          .isInstanceOf(OvsdbOutcomeUnknownException.class)
          .hasCauseInstanceOf(OvsdbTimeoutException.class)
          .hasMessageContaining("may have committed");
    } finally {
      signal("CONT");
    }
    // The server ran it once resumed: the outcome really was unknown to the client.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Replicas.selectAll(client, DB, "Root", COLS).toString().contains("frozen"));
  }

  private void signal(String name) throws Exception {
    Process p =
        new ProcessBuilder("kill", "-" + name, Long.toString(server.pid()))
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor()).isZero();
  }

  @Test
  void callsWaitForTheConnectionWithinTheirTimeoutAndConnectFailsClearly() {
    client =
        OvsdbClient.connect(
            OvsdbClientOptions.builder(server.unixRemote())
                .callTimeout(Duration.ofMillis(700))
                .backoff(Duration.ofMillis(50), Duration.ofMillis(200))
                .build());
    server.stop();
    await().atMost(Duration.ofSeconds(5)).until(() -> !client.isConnected());
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> client.listDatabases())
        .isInstanceOf(OvsdbTimeoutException.class)
        .hasMessageContaining("no usable connection")
        .hasMessageContaining(server.unixRemote());
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));

    assertThatThrownBy(
            () ->
                OvsdbClient.connect(
                    OvsdbClientOptions.builder(server.tcpRemote())
                        .connectTimeout(Duration.ofMillis(500))
                        .build()))
        .isInstanceOf(OvsdbTimeoutException.class)
        .hasMessageContaining("could not connect")
        .hasMessageContaining("Connection refused");

    server.restart();
    await().atMost(Duration.ofSeconds(10)).until(client::isConnected);
    assertThat(client.listDatabases()).contains(DB);
    assertThat(
            client.transact(
                DB,
                List.of(new Operation.Select("Root", List.of(Condition.eq("name", "none")), null))))
        .hasSize(1);
  }
}

package io.ovneip.ovsdb.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Bad input from the wire, from a scripted fake server: the affected call fails with a clear
 * exception, the client reconnects and the next call works; no thread hangs.
 */
class BadInputIT {

  static OvsdbClientOptions options(FakeServer server) {
    return OvsdbClientOptions.builder(server.remote())
        .callTimeout(Duration.ofSeconds(2))
        .inactivityProbe(Duration.ofSeconds(1))
        .backoff(Duration.ofMillis(20), Duration.ofMillis(200))
        .maxMessageBytes(64 * 1024)
        .build();
  }

  /** First connection: answers list_dbs with {@code bad}; later ones behave. */
  static FakeServer answeringOnceWith(String bad) throws Exception {
    return new FakeServer(
        List.of(
            p -> {
              JsonNode id = p.awaitRequest("list_dbs");
              p.send(bad.replace("ID", id.toString()));
              p.idle();
            },
            FakeServer::healthy));
  }

  void assertFailsThenRecovers(String bad, String message) throws Exception {
    try (FakeServer server = answeringOnceWith(bad);
        OvsdbClient client = OvsdbClient.connect(options(server))) {
      assertThatThrownBy(client::listDatabases)
          .isInstanceOf(OvsdbConnectionException.class)
          .hasMessageContaining(server.remote())
          .hasMessageContaining(message);
      await().atMost(Duration.ofSeconds(5)).until(client::isConnected);
      assertThat(client.listDatabases()).containsExactly("Fake");
      assertThat(server.connections()).isEqualTo(2);
    }
  }

  @Test
  void malformedJson() throws Exception {
    assertFailsThenRecovers("{\"id\":ID,\"result\":[1,,2]}", "malformed JSON");
  }

  @Test
  void unbalancedJson() throws Exception {
    assertFailsThenRecovers("{\"id\":ID,\"result\":[}", "malformed JSON: '}' closes a '['");
  }

  @Test
  void messageThatIsNotAnObject() throws Exception {
    assertFailsThenRecovers("[1,2,3]", "expected a JSON object");
  }

  @Test
  void connectionClosedMidMessage() throws Exception {
    try (FakeServer server =
            new FakeServer(
                List.of(
                    p -> {
                      JsonNode id = p.awaitRequest("list_dbs");
                      p.send("{\"id\":" + id + ",\"result\":[\"Fa"); // and hang up
                    },
                    FakeServer::healthy));
        OvsdbClient client = OvsdbClient.connect(options(server))) {
      assertThatThrownBy(client::listDatabases)
          .isInstanceOf(OvsdbConnectionException.class)
          .hasMessageContaining("in the middle of a message");
      await().atMost(Duration.ofSeconds(5)).until(client::isConnected);
      assertThat(client.listDatabases()).containsExactly("Fake");
    }
  }

  @Test
  void hugeMessage() throws Exception {
    String huge = "{\"id\":ID,\"result\":[\"" + "x".repeat(200_000) + "\"],\"error\":null}";
    assertFailsThenRecovers(huge, "exceeds the 65536-byte limit");
  }

  @Test
  void unknownMethodIsAnsweredAndTheConnectionStays() throws Exception {
    try (FakeServer server =
            new FakeServer(
                List.of(
                    p -> {
                      p.send("{\"method\":\"frobnicate\",\"params\":[],\"id\":\"f1\"}");
                      p.send("{\"method\":\"frobnicate_note\",\"params\":[],\"id\":null}");
                      p.send("{\"method\":\"echo\",\"params\":[\"ping\"],\"id\":\"e1\"}");
                      FakeServer.healthy(p);
                    }));
        OvsdbClient client = OvsdbClient.connect(options(server))) {
      assertThat(client.listDatabases()).containsExactly("Fake");
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () -> {
                assertThat(server.received)
                    .anySatisfy(
                        m -> {
                          assertThat(m.path("id").asString("")).isEqualTo("f1");
                          assertThat(m.path("error").asString("")).isEqualTo("unknown method");
                        });
                assertThat(server.received)
                    .anySatisfy(
                        m -> {
                          assertThat(m.path("id").asString("")).isEqualTo("e1");
                          assertThat(m.path("result").toString()).isEqualTo("[\"ping\"]");
                        });
              });
      assertThat(server.connections()).isEqualTo(1);
    }
  }

  @Test
  void silentServerTimesOutTheCallAndTheProbeDropsTheConnection() throws Exception {
    try (FakeServer server =
            new FakeServer(
                List.of(
                    p -> {
                      p.awaitRequest("list_dbs"); // the setup echo was answered on the way
                      p.idle(); // from now on: silence, even to echo
                    },
                    FakeServer::healthy));
        OvsdbClient client = OvsdbClient.connect(options(server))) {
      long t0 = System.nanoTime();
      assertThatThrownBy(client::listDatabases)
          .isInstanceOfAny(OvsdbTimeoutException.class, OvsdbConnectionException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
      // The unanswered echo (inactivity probe) drops the link; the next connection is healthy.
      await().atMost(Duration.ofSeconds(10)).until(() -> server.connections() == 2);
      await().atMost(Duration.ofSeconds(5)).until(client::isConnected);
      assertThat(client.listDatabases()).containsExactly("Fake");
    }
  }
}

package io.ovneip.ovsdb.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovneip.ovsdb.client.MonitorChannel;
import io.ovneip.ovsdb.protocol.codec.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A replica closed while its monitor's messages are still on the way: found by the chaos run, where
 * an update for a just-closed replica (its {@code monitor_cancel} not yet served) threw on the
 * connection's reader thread and the client dropped the whole connection, making every other
 * monitor on it resubscribe.
 */
class ReplicaCloseTest {
  /** A channel that records what the replica does to it. */
  static final class Recorder implements MonitorChannel {
    final List<String> failures = new ArrayList<>();
    final List<BiConsumer<JsonNode, Throwable>> replies = new ArrayList<>();

    @Override
    public void call(String method, JsonNode params, BiConsumer<JsonNode, Throwable> onReply) {
      replies.add(onReply);
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void fail(String reason, Throwable cause) {
      failures.add(reason);
    }
  }

  @Test
  void messagesForAClosedReplicaAreDroppedWithoutHarmingTheConnection() {
    Replica replica =
        new Replica("T", UpdateApplierTest.SCHEMA, MonitorRequest.of("R"), "m1", () -> {});
    Recorder ch = new Recorder();
    replica.subscribe(ch);
    replica.close();

    JsonNode update = Json.read("[\"m1\", \"txn-1\", {\"R\": {}}]");
    replica.onNotification(ch, "update3", update);
    ch.replies.forEach(r -> r.accept(Json.read("[false, \"txn-1\", {}]"), null));

    assertThat(ch.failures).isEmpty();
  }
}

package io.ovneip.ovsdb.client;

import io.ovneip.ovsdb.protocol.codec.Json;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Watches the {@code _Server} database's {@code Database} table (ovsdb-server(5)) on one
 * connection, as {@code ovn-nbctl} does: a clustered database is usable only while this member is
 * {@code connected} to the cluster and, for leader-only clients, its {@code leader}. When that
 * stops being true the connection is dropped so the client moves on to another member.
 */
final class ServerWatch {
  static final String MONITOR_ID = "_Server";

  /** One row of {@code _Server.Database}; absent booleans default to false. */
  record Db(String name, String model, boolean connected, boolean leader) {}

  private final Connection connection;
  private final boolean requireLeader;
  private final Map<String, Db> rows = new HashMap<>(); // reader thread only

  ServerWatch(Connection connection, boolean requireLeader) {
    this.connection = connection;
    this.requireLeader = requireLeader;
  }

  /**
   * Monitors {@code _Server} (RFC 7047 {@code monitor_cond}). The future completes once the initial
   * rows are in: normally when they are acceptable, exceptionally when not (or on error). A server
   * without {@code _Server} has no clusters and is accepted.
   */
  CompletableFuture<Void> start(Duration timeout) {
    ObjectNode request = Json.object();
    request
        .putArray("Database")
        .addObject()
        .putArray("columns")
        .add("name")
        .add("model")
        .add("connected")
        .add("leader");
    ObjectNode tables = Json.object();
    tables.set("Database", request.get("Database"));
    CompletableFuture<Void> ready = new CompletableFuture<>();
    connection.call(
        "monitor_cond",
        Connection.params("_Server", MONITOR_ID, tables),
        timeout,
        (result, error) -> {
          if (error instanceof OvsdbRpcException) {
            ready.complete(null); // no _Server database: a standalone server of old
          } else if (error != null) {
            ready.completeExceptionally(error);
          } else {
            apply(result);
            Optional<String> problem = problem();
            if (problem.isPresent()) {
              ready.completeExceptionally(new OvsdbConnectionException(problem.get()));
            } else {
              ready.complete(null);
            }
          }
        });
    return ready;
  }

  /** An {@code update2} for the {@code _Server} monitor (reader thread). */
  void onUpdate(JsonNode params) {
    apply(params.get(1));
    problem().ifPresent(p -> connection.close(new OvsdbConnectionException(p)));
  }

  private void apply(JsonNode tableUpdates) {
    JsonNode db = tableUpdates.path("Database");
    for (Map.Entry<String, JsonNode> e : db.properties()) {
      JsonNode u = e.getValue();
      if (u.has("delete")) {
        rows.remove(e.getKey());
        continue;
      }
      JsonNode fields =
          u.has("initial") ? u.get("initial") : u.has("insert") ? u.get("insert") : u.get("modify");
      if (fields == null) {
        continue;
      }
      Db old = rows.getOrDefault(e.getKey(), new Db("", "", false, false));
      rows.put(
          e.getKey(),
          new Db(
              fields.path("name").asString(old.name()),
              fields.path("model").asString(old.model()),
              fields.path("connected").asBoolean(old.connected()),
              fields.path("leader").asBoolean(old.leader())));
    }
  }

  /** Why this member is not usable right now, if it is not. */
  private Optional<String> problem() {
    for (Db db : rows.values()) {
      if (!"clustered".equals(db.model())) {
        continue;
      }
      if (!db.connected()) {
        return Optional.of(
            connection.remote() + " is not connected to the cluster of " + db.name());
      }
      if (requireLeader && !db.leader()) {
        return Optional.of(connection.remote() + " is not the leader of " + db.name());
      }
    }
    return Optional.empty();
  }
}

package io.ovneip.ovsdb.client;

import tools.jackson.databind.JsonNode;

/**
 * A monitor that survives reconnects: the client calls {@link #subscribe} on every new connection
 * and routes the {@code update}/{@code update2}/{@code update3} notifications that carry its {@link
 * #monitorId()} to {@link #onNotification}.
 */
public interface MonitorSubscriber {
  /** The JSON-RPC {@code <json-value>} naming this monitor (RFC 7047 section 4.1.5). */
  String monitorId();

  /** Sends the monitor request on a fresh connection. Must not block. */
  void subscribe(MonitorChannel channel);

  /**
   * A notification for this monitor, on the reader thread, in order. It may wait for room to queue
   * the message (back-pressure: while it waits, the socket is not read and the server holds its
   * updates back), but never on anything the reader thread itself must deliver.
   */
  void onNotification(MonitorChannel channel, String method, JsonNode params);

  /** Stops the monitor and unregisters it; the client calls it when it closes. Idempotent. */
  void close();
}

package io.ovneip.ovsdb.client;

import java.util.function.BiConsumer;
import tools.jackson.databind.JsonNode;

/**
 * What a monitor subscriber (the cache's {@code Replica}) sees of one connection: it can send its
 * monitor request on it. Each reconnect hands the subscriber a new channel.
 */
public interface MonitorChannel {
  /**
   * Sends a request on this connection. {@code onReply} runs on the connection's reader thread
   * before any later message is handled, so the reply to a monitor request is always seen before
   * the updates that follow it. It must not block.
   */
  void call(String method, JsonNode params, BiConsumer<JsonNode, Throwable> onReply);

  /** True while this channel's connection is open. */
  boolean isOpen();

  /** Drops this connection (the client reconnects), e.g. after an update it cannot apply. */
  void fail(String reason, Throwable cause);
}

package io.ovneip.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The "database's own limit" reference: a client that does nothing but write a pre-built JSON-RPC
 * request and read bytes until the reply is complete. No encoding, no schema, no futures, no
 * decoding inside the timed part: whatever time it takes belongs to the socket and ovsdb-server.
 * Answers the server's {@code echo} (RFC 7047 4.1.11) so a long transaction is never cut off by the
 * inactivity probe.
 */
public final class RawOvsdb implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SocketChannel channel;
  private final Selector selector;
  private final ByteBuffer in = ByteBuffer.allocateDirect(1 << 20).flip();
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream(1 << 20);
  private int depth;
  private boolean inString;
  private boolean escaped;

  /** A reply: the nanoseconds from first byte written to last byte read, and its text. */
  public record Reply(long nanos, String text) {
    /** Parses the reply (outside the timed part) and fails if any operation failed. */
    public JsonNode checked() {
      JsonNode n = JSON.readTree(text);
      if (!n.path("error").isNull() && !n.path("error").isMissingNode()) {
        throw new IllegalStateException("transaction failed: " + n.path("error"));
      }
      for (JsonNode r : n.path("result")) {
        if (r.has("error")) {
          throw new IllegalStateException("operation failed: " + r);
        }
      }
      return n;
    }
  }

  private RawOvsdb(SocketChannel channel) throws IOException {
    this.channel = channel;
    channel.configureBlocking(false);
    this.selector = Selector.open();
  }

  /** Connects to {@code tcp:IP:PORT} or {@code unix:PATH}. */
  public static RawOvsdb connect(String remote) {
    try {
      SocketChannel ch;
      if (remote.startsWith("unix:")) {
        ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(Path.of(remote.substring(5))));
      } else {
        String hostPort = remote.substring(4);
        int colon = hostPort.lastIndexOf(':');
        ch =
            SocketChannel.open(
                new InetSocketAddress(
                    hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))));
      }
      return new RawOvsdb(ch);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot connect to " + remote, e);
    }
  }

  /** Sends {@code request} (pre-encoded) and waits for the reply to request {@code id}. */
  public Reply call(byte[] request, int id, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      long start = System.nanoTime();
      writeAll(ByteBuffer.wrap(request), deadline);
      String idPrefix = "\"id\":" + id;
      while (true) {
        String msg = readMessage(deadline);
        if (msg.length() < 512 && msg.contains("\"method\":\"echo\"")) {
          answerEcho(msg, deadline);
          continue;
        }
        if (msg.contains(idPrefix)) {
          return new Reply(System.nanoTime() - start, msg);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("raw OVSDB call failed", e);
    }
  }

  private void answerEcho(String msg, long deadline) throws IOException {
    JsonNode req = JSON.readTree(msg);
    String reply =
        "{\"id\":" + req.get("id") + ",\"result\":" + req.get("params") + ",\"error\":null}";
    writeAll(ByteBuffer.wrap(reply.getBytes(StandardCharsets.UTF_8)), deadline);
  }

  private void writeAll(ByteBuffer buf, long deadline) throws IOException {
    SelectionKey key = channel.register(selector, SelectionKey.OP_WRITE);
    try {
      while (buf.hasRemaining()) {
        if (channel.write(buf) == 0) {
          await(deadline);
        }
      }
    } finally {
      key.cancel();
      selector.selectNow();
    }
  }

  /** Reads until one complete top-level JSON object has arrived (RFC 7047 framing: none). */
  private String readMessage(long deadline) throws IOException {
    String buffered = scan(); // bytes left over from the previous read
    if (buffered != null) {
      return buffered;
    }
    SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
    try {
      while (true) {
        in.clear();
        int n = channel.read(in);
        if (n < 0) {
          throw new IOException("server closed the connection");
        }
        if (n == 0) {
          await(deadline);
          continue;
        }
        in.flip();
        String done = scan();
        if (done != null) {
          return done;
        }
      }
    } finally {
      key.cancel();
      selector.selectNow();
    }
  }

  /** Scans the bytes just read; returns a message once its closing brace is seen. */
  private String scan() {
    while (in.hasRemaining()) {
      byte b = in.get();
      pending.write(b);
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (b == '\\') {
          escaped = true;
        } else if (b == '"') {
          inString = false;
        }
      } else if (b == '"') {
        inString = true;
      } else if (b == '{' || b == '[') {
        depth++;
      } else if ((b == '}' || b == ']') && --depth == 0) {
        String msg = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        // Bytes after it stay in the buffer for the next readMessage.
        return msg;
      }
    }
    return null;
  }

  private void await(long deadline) throws IOException {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new IOException("no reply within the timeout");
    }
    selector.select(Math.max(1, left / 1_000_000));
  }

  @Override
  public void close() {
    try {
      selector.close();
      channel.close();
    } catch (IOException e) {
      // closing a benchmark socket: nothing to recover
    }
  }
}

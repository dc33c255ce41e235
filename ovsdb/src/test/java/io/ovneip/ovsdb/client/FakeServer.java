package io.ovneip.ovsdb.client;

import io.ovneip.ovsdb.protocol.codec.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * A scripted peer on a loopback ServerSocket for fault injection: each accepted connection runs the
 * next {@link Script} (the last one repeats). Scripts read the client's messages and write whatever
 * bytes they like, well-formed or not.
 */
final class FakeServer implements AutoCloseable {
  /** What one connection does. */
  interface Script {
    void run(Peer peer) throws IOException;
  }

  /** One accepted connection as a script sees it. */
  static final class Peer {
    private final Socket socket;
    private final JsonFramer framer = new JsonFramer(1 << 20);
    private final Deque<JsonNode> inbox = new ArrayDeque<>();
    private final List<JsonNode> received;

    Peer(Socket socket, List<JsonNode> received) throws IOException {
      this.socket = socket;
      this.received = received;
      socket.setSoTimeout(10_000);
    }

    /**
     * The next message from the client; answers its echo requests and its {@code _Server} monitor
     * on the way.
     */
    JsonNode read() throws IOException {
      InputStream in = socket.getInputStream();
      byte[] buf = new byte[8192];
      while (true) {
        while (!inbox.isEmpty()) {
          JsonNode m = inbox.poll();
          received.add(m);
          if ("echo".equals(m.path("method").asString(""))) {
            send("{\"id\":" + m.get("id") + ",\"result\":" + m.get("params") + ",\"error\":null}");
            continue;
          }
          if ("monitor_cond".equals(m.path("method").asString(""))
              && "_Server".equals(m.path("params").path(0).asString(""))) {
            // As a server of old without _Server answers: the client then takes it as standalone.
            send("{\"id\":" + m.get("id") + ",\"result\":null,\"error\":\"unknown database\"}");
            continue;
          }
          return m;
        }
        int n = in.read(buf);
        if (n < 0) {
          throw new IOException("client closed");
        }
        framer.feed(buf, 0, n, (b, off, len) -> inbox.add(Json.read(b, off, len)));
      }
    }

    /** Reads until a request for {@code method} arrives and returns its id. */
    JsonNode awaitRequest(String method) throws IOException {
      while (true) {
        JsonNode m = read();
        if (method.equals(m.path("method").asString(""))) {
          return m.get("id");
        }
      }
    }

    void send(String raw) throws IOException {
      OutputStream out = socket.getOutputStream();
      out.write(raw.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    /** Keeps the connection open and silent until the client goes away. */
    void idle() throws IOException {
      socket.setSoTimeout(0);
      try {
        while (socket.getInputStream().read() >= 0) {
          // swallow everything, answer nothing
        }
      } catch (SocketTimeoutException e) {
        // ignore
      }
    }
  }

  private final ServerSocket server;
  private final List<Script> scripts;
  private final AtomicInteger accepted = new AtomicInteger();
  final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  FakeServer(List<Script> scripts) throws IOException {
    this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    this.scripts = List.copyOf(scripts);
    this.acceptor = new Thread(this::acceptLoop, "fake-ovsdb");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String remote() {
    return "tcp:127.0.0.1:" + server.getLocalPort();
  }

  int connections() {
    return accepted.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        int i = accepted.getAndIncrement();
        Script script = scripts.get(Math.min(i, scripts.size() - 1));
        Thread t =
            new Thread(
                () -> {
                  try (s) {
                    script.run(new Peer(s, received));
                  } catch (IOException | RuntimeException e) {
                    // the client hung up, or the script ended the connection on purpose
                  }
                },
                "fake-ovsdb-conn-" + i);
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  /** The script of a well-behaved server: answers echo, list_dbs and nothing else. */
  static void healthy(Peer p) throws IOException {
    while (true) {
      JsonNode id = p.awaitRequest("list_dbs");
      p.send("{\"id\":" + id + ",\"result\":[\"Fake\"],\"error\":null}");
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}

package io.ovneip.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where {@code ovn-eip sandbox fault} reaches the running sandbox: {@code POST
 * /fault?name=NAME&seconds=S&all=BOOL&node=NODE} on a loopback port named in {@code DIR/ready}
 * ({@code faults=http://127.0.0.1:PORT}). Answers 200 with the lines the fault printed once it is
 * in place (or over), 409 when it was refused, 400 for an unknown fault. One fault at a time.
 */
final class FaultServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FaultServer.class);

  /** The faults, with the line {@code --list} prints for each. */
  static final Map<String, String> FAULTS = faults();

  private final HttpServer server;
  private final Faults faults;

  private FaultServer(HttpServer server, Faults faults) {
    this.server = server;
    this.faults = faults;
  }

  private static Map<String, String> faults() {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    m.put("controller-kill", "kill -9 the controller replica holding the Lease (--all: every one)");
    m.put("controller-start", "start the controller replicas that are not running");
    m.put(
        "nb-kill-leader",
        "kill -9 the NB RAFT leader (or the standalone server), start it again after --down S"
            + " seconds (default 5)");
    m.put(
        "nb-freeze",
        "SIGSTOP the NB leader (or the standalone server) for S seconds, then SIGCONT");
    m.put("nb-restart", "stop and start the NB server(s) on the same files and addresses");
    m.put(
        "nb-snapshot",
        "save the NB database (every member's file, frozen at one moment) and record the foreign"
            + " rows");
    m.put(
        "nb-rollback",
        "stop the NB server(s), restore the snapshot's files and start them, as an operator"
            + " restoring a backup");
    m.put("api-drop-watches", "the Kubernetes API closes every open watch (clients watch again)");
    m.put(
        "lease-steal",
        "another identity holds the controller's Lease for S seconds, then stops renewing it (as"
            + " a partitioned replica)");
    m.put(
        "node-crash NODE",
        "kill -9 the node's ovs-vswitchd and ovn-controller (--dataplane): BFD to it fails, its"
            + " gateway role fails over");
    m.put("node-restore NODE", "start the crashed node's ovs-vswitchd and ovn-controller again");
    m.put("node-link-down NODE", "cut the node's underlay link (the Geneve tunnels to it fail)");
    m.put("node-link-up NODE", "restore the node's underlay link");
    return java.util.Collections.unmodifiableMap(m);
  }

  /** The fault names, without their argument words ({@code node-crash}, not {@code NODE}). */
  static boolean known(String name) {
    return FAULTS.keySet().stream().anyMatch(k -> k.split(" ")[0].equals(name));
  }

  /** The faults that take a NODE. */
  static boolean takesNode(String name) {
    return name.startsWith("node-") && known(name);
  }

  /** Serves on a free loopback port; pushed on {@code running} so the sandbox stops it. */
  static String start(Faults faults, Deque<AutoCloseable> running) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
      FaultServer fs = new FaultServer(server, faults);
      server.createContext("/fault", fs::handle);
      server.setExecutor(Executors.newSingleThreadExecutor(r -> daemon(r)));
      server.start();
      running.push(fs);
      return "http://127.0.0.1:" + server.getAddress().getPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot serve the fault endpoint", e);
    }
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "sandbox-faults");
    t.setDaemon(true);
    return t;
  }

  private void handle(HttpExchange exchange) throws IOException {
    int code = 200;
    String body;
    try {
      if (!"POST".equals(exchange.getRequestMethod())) {
        code = 405;
        body = "POST only\n";
      } else {
        Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
        String name = q.getOrDefault("name", "");
        Duration seconds = Duration.ofSeconds(Long.parseLong(q.getOrDefault("seconds", "0")));
        boolean all = Boolean.parseBoolean(q.getOrDefault("all", "false"));
        String node = q.getOrDefault("node", "");
        LOG.info("fault {} (seconds {}, all {}, node {})", name, seconds.toSeconds(), all, node);
        List<String> lines = takesNode(name) ? faults.node(name, node) : run(name, seconds, all);
        body = String.join("\n", lines) + "\n";
        LOG.info("fault {}: {}", name, lines);
      }
    } catch (Faults.Refused e) {
      code = 409;
      body = e.getMessage() + "\n";
    } catch (IllegalArgumentException e) {
      code = 400;
      body = e.getMessage() + "\n";
    } catch (RuntimeException e) {
      LOG.warn("fault failed", e);
      code = 500;
      body = "the fault failed: " + e + "\n";
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private List<String> run(String name, Duration seconds, boolean all) {
    return switch (name) {
      case "controller-kill" -> faults.controllerKill(all);
      case "controller-start" -> faults.controllerStart();
      case "nb-kill-leader" -> faults.nbKillLeader(seconds);
      case "nb-freeze" -> faults.nbFreeze(seconds);
      case "nb-restart" -> faults.nbRestart();
      case "nb-snapshot" -> faults.nbSnapshot();
      case "nb-rollback" -> faults.nbRollback();
      case "api-drop-watches" -> faults.apiDropWatches();
      case "lease-steal" -> faults.leaseSteal(seconds);
      default -> throw new IllegalArgumentException("no such fault: " + name + "; see --list");
    };
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null) {
      return out;
    }
    for (String part : raw.split("&")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        out.put(
            part.substring(0, eq),
            java.net.URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

package io.ovneip.sandbox;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ovneip.agent.Agent;
import io.ovneip.agent.AgentOptions;
import io.ovneip.agent.NicProbe;
import io.ovneip.cli.AgentMetrics;
import io.ovneip.cli.ObservabilityServer;
import io.ovneip.sandbox.cni.SandboxNode;
import io.ovneip.sandbox.dataplane.ClusterDataplane;
import io.ovneip.sandbox.exec.CommandRunner;
import io.ovneip.testkit.Binaries;
import io.ovneip.testkit.OvsdbServer;
import io.ovneip.testkit.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One node agent per sandbox node, each against that node's own Open_vSwitch database: a detached
 * ovsdb-server initialised as {@code ovs-vsctl init} and Kube-OVN's node set-up would leave it
 * ({@code system-id}, {@code ovn-remote}, Geneve encap, {@code ovn-bridge-datapath-type=netdev}).
 * There is no ovs-vswitchd and no ovn-controller: the sandbox shows what the agent writes, not
 * packets, so bridges stay rows (and no machine-wide bridge or tap device is created). Under {@code
 * --dataplane} every node is a real chassis: its agent works on that chassis' DB and sees the NICs
 * of the node's network namespace.
 */
final class NodeAgents implements AutoCloseable {
  private final Deque<AutoCloseable> running;
  private final Map<String, String> ovsDbs;
  private final Map<String, String> metrics;

  private NodeAgents(
      Deque<AutoCloseable> running, Map<String, String> ovsDbs, Map<String, String> metrics) {
    this.running = running;
    // Node order, as configured: env and ready list the nodes the way the user numbered them.
    this.ovsDbs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ovsDbs));
    this.metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
  }

  /**
   * One agent per node of {@code config}. With {@code dataplane}, each agent works on its node's
   * real Open_vSwitch DB instead, creates its bridges with {@code datapath_type=netdev} (a real
   * ovs-vswitchd with the userspace datapath serves that DB) and probes the node's namespace.
   */
  static NodeAgents start(
      KubernetesClient client,
      SandboxConfig config,
      String sbRemote,
      Optional<ClusterDataplane> dataplane) {
    Deque<AutoCloseable> running = new ArrayDeque<>();
    Map<String, String> ovsDbs = new LinkedHashMap<>();
    Map<String, String> metrics = new LinkedHashMap<>();
    try {
      for (SandboxNode node : config.nodes()) {
        if (dataplane.isPresent() && dataplane.get().has(node.name())) {
          String db = dataplane.get().ovsDbs().get(node.name());
          ovsDbs.put(node.name(), db);
          Agent agent =
              Agent.start(
                  AgentOptions.defaults(node.name()).withOvsDb(db).withBridgeDatapathType("netdev"),
                  client,
                  NicProbe.inNetns(dataplane.get().netnsOf(node.name())));
          running.push(agent);
          metrics.put(node.name(), serveMetrics(agent, running));
          continue;
        }
        Path dir = config.layout().ovs().resolve(node.name());
        Files.createDirectories(dir);
        OvsdbServer ovs = OvsdbServer.builder(Schema.OPEN_VSWITCH).dir(dir).name("conf").start();
        running.push(ovs::stop);
        PidRecords.write(config.layout().pids(), "ovsdb-" + node.name(), ovs.pid());
        initialise(ovs.tcpRemote(), node, sbRemote);
        ovsDbs.put(node.name(), ovs.tcpRemote());
        Agent agent =
            Agent.start(AgentOptions.defaults(node.name()).withOvsDb(ovs.tcpRemote()), client);
        running.push(agent);
        metrics.put(node.name(), serveMetrics(agent, running));
      }
      return new NodeAgents(running, ovsDbs, metrics);
    } catch (IOException e) {
      close(running);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      close(running);
      throw e;
    }
  }

  /**
   * Serves the agent's /metrics as {@code ovn-eip agent --metrics-addr} does; returns host:port.
   */
  private static String serveMetrics(Agent agent, Deque<AutoCloseable> running) throws IOException {
    ObservabilityServer server =
        ObservabilityServer.start(
            "127.0.0.1:0",
            AgentMetrics.registry(agent::status),
            () -> true,
            () -> agent.status().lastOutcome().isPresent());
    running.push(server);
    return "127.0.0.1:" + server.port();
  }

  /** Node name to the {@code host:port} of its agent's /metrics, in node order. */
  Map<String, String> metrics() {
    return metrics;
  }

  /** Node name to its Open_vSwitch DB remote ({@code tcp:127.0.0.1:PORT}). */
  Map<String, String> ovsDbs() {
    return ovsDbs;
  }

  private static void initialise(String remote, SandboxNode node, String sbRemote) {
    CommandRunner.inheritingEnvironment()
        .run(
            Duration.ofSeconds(20),
            Binaries.require("ovs-vsctl").toString(),
            "--db=" + remote,
            "--timeout=10",
            // No ovs-vswitchd runs here: without --no-wait ovs-vsctl would wait for it forever.
            "--no-wait",
            "init",
            "--",
            "set",
            "Open_vSwitch",
            ".",
            "external_ids:system-id=" + node.systemId(),
            "external_ids:hostname=" + node.name(),
            "external_ids:ovn-remote=" + sbRemote,
            "external_ids:ovn-encap-type=geneve",
            "external_ids:ovn-encap-ip=" + node.encapIp(),
            "external_ids:ovn-bridge-datapath-type=netdev")
        .orThrow();
  }

  @Override
  public void close() {
    close(running);
  }

  private static void close(Deque<AutoCloseable> running) {
    RuntimeException failure = null;
    while (!running.isEmpty()) {
      try {
        running.pop().close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("stopping the node agents failed", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}

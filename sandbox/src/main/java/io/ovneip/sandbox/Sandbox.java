package io.ovneip.sandbox;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ovneip.kubeapi.EmbeddedKubeApi;
import io.ovneip.sandbox.cni.ClusterNetwork;
import io.ovneip.sandbox.cni.CniStandIn;
import io.ovneip.sandbox.cni.NbctlCniOvn;
import io.ovneip.sandbox.cni.SandboxNode;
import io.ovneip.sandbox.dataplane.ClusterDataplane;
import io.ovneip.sandbox.exec.CommandRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running sandbox hosted by this JVM: OVN central daemons (NB standalone or a RAFT cluster), the
 * Kubernetes API, the gateway node's dataplane (with {@code --dataplane}), the CNI stand-in, the
 * controller replicas (each its own process) and the node agents, started in that order and stopped
 * in reverse; then the endpoint {@code sandbox fault} uses. {@link SandboxDaemon} hosts one in a
 * background JVM; tests may host one directly.
 */
public final class Sandbox implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);

  private final SandboxLayout layout;
  private final Deque<AutoCloseable> running;
  private final Endpoints endpoints;
  private final String metricsUrl;

  private Sandbox(
      SandboxLayout layout, Deque<AutoCloseable> running, Endpoints endpoints, String metricsUrl) {
    this.layout = layout;
    this.running = running;
    this.endpoints = endpoints;
    this.metricsUrl = metricsUrl;
  }

  /** How long the controllers may take to be ready and elect a leader. */
  private static final Duration CONTROLLERS_READY = Duration.ofSeconds(90);

  /**
   * Starts everything and writes {@code kubeconfig} and {@code env}; stops what started on error.
   */
  public static Sandbox start(SandboxConfig config) {
    SandboxLayout layout = config.layout();
    Deque<AutoCloseable> running = new ArrayDeque<>();
    try {
      createDirectories(layout.ovn(), layout.ovs(), layout.pids(), layout.logs());
      OvnCentral ovn = OvnCentral.start(layout.ovn(), layout.pids(), config.nbClusterSize());
      running.push(ovn);
      LOG.info("OVN NB {} SB {}", ovn.nbRemote(), ovn.sbRemote());

      EmbeddedKubeApi api = startKubeApi(config.apiPort(), !config.plainCni());
      running.push(api);
      api.writeKubeconfig(layout.kubeconfig());
      LOG.info("Kubernetes API on http://127.0.0.1:{}", api.port());
      KubernetesClient client = api.client();

      // Before the CNI stand-in registers the nodes: every node's ovn-controller creates its
      // chassis itself (the stand-in's --may-exist then leaves it alone), with its own encap.
      Optional<ClusterDataplane> dataplane = Optional.empty();
      if (config.dataplane()) {
        dataplane =
            Optional.of(
                ClusterDataplane.start(ovn.sbUnixRemote(), config.nodes(), config.dualStack()));
        running.push(dataplane.get());
      }

      CommandRunner runner = CommandRunner.inheritingEnvironment();
      ClusterNetwork network =
          config.dualStack() ? ClusterNetwork.dualStackDefaults() : ClusterNetwork.defaults();
      running.push(
          CniStandIn.start(
              client,
              new NbctlCniOvn(ovn.nbRemote(), ovn.sbRemote(), runner, Duration.ofSeconds(10)),
              network,
              config.nodes(),
              config.plainCni() ? CniStandIn.Mode.PLAIN : CniStandIn.Mode.KUBE_OVN,
              nodeNames(config)));
      LOG.info("CNI stand-in running for nodes {}", config.nodes());
      if (dataplane.isPresent()) {
        // Every node has a chassis: pods are namespaces on the node they are scheduled to.
        dataplane.get().attachPods(client, network);
      }

      ControllerProcesses controllers =
          ControllerProcesses.start(
              layout,
              client,
              ovn.nbRemote(),
              ovn.sbRemote(),
              config.controllers(),
              CONTROLLERS_READY);
      running.push(controllers);

      NodeAgents agents = NodeAgents.start(client, config, ovn.sbRemote(), dataplane);
      running.push(agents);
      LOG.info("node agents running, Open_vSwitch DBs {}", agents.ovsDbs());
      ScrapeTargets.write(layout.scrapeTargets(), controllers.metricsUrl(), agents.metrics());

      Sandbox sandbox =
          new Sandbox(
              layout,
              running,
              new Endpoints(
                  "http://127.0.0.1:" + api.port(),
                  ovn.nbRemote(),
                  ovn.sbRemote(),
                  agents.ovsDbs(),
                  dataplane.map(d -> d.ovsDbs().get(SandboxConfig.GATEWAY_NODE)),
                  dataplane.map(ClusterDataplane::outsideNetns),
                  Optional.of(
                      FaultServer.start(
                          new Faults(layout, ovn, api, controllers, dataplane), running))),
              controllers.metricsUrl().orElse(""));
      sandbox.writeEnv();
      return sandbox;
    } catch (RuntimeException e) {
      closeAll(running, e);
      throw e;
    }
  }

  public String nbRemote() {
    return endpoints.nb();
  }

  public String sbRemote() {
    return endpoints.sb();
  }

  /** The {@code ready} file's content: the endpoints, one {@code key=value} a line. */
  String readyText() {
    return endpoints.text();
  }

  private void writeEnv() {
    String text =
        """
        # ovn-eip sandbox in %1$s. Use it with: . %1$s/env
        export KUBECONFIG=%2$s
        export OVN_NB_DB=%3$s
        export OVN_SB_DB=%4$s
        export OVN_EIP_SANDBOX=%5$s
        export OVN_EIP_METRICS_URL=%6$s
        """
            .formatted(
                layout.dir(),
                shellQuote(layout.kubeconfig().toString()),
                shellQuote(endpoints.nb()),
                shellQuote(endpoints.sb()),
                shellQuote(layout.dir().toString()),
                shellQuote(metricsUrl));
    StringBuilder more = new StringBuilder();
    // One variable per node's Open_vSwitch DB: ovs-vsctl --db=$OVS_DB_KUBE_OVN_WORKER show
    endpoints.ovsDbs().forEach((node, remote) -> export(more, ovsDbVariable(node), remote));
    // The dataplane's: ovs-vsctl --db=$OVS_DB show; ip netns exec $OVN_EIP_OUTSIDE_NETNS ping ...
    endpoints.dataplaneOvsDb().ifPresent(db -> export(more, "OVS_DB", db));
    endpoints.outsideNetns().ifPresent(ns -> export(more, "OVN_EIP_OUTSIDE_NETNS", ns));
    writeAtomically(layout.env(), text + more);
  }

  private static void export(StringBuilder s, String variable, String value) {
    s.append("export ").append(variable).append('=').append(shellQuote(value)).append('\n');
  }

  /** {@code OVS_DB_KUBE_OVN_WORKER} for node {@code kube-ovn-worker}. */
  public static String ovsDbVariable(String node) {
    return "OVS_DB_" + node.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }

  static void writeAtomically(Path file, String text) {
    try {
      Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
      Files.writeString(tmp, text);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static String shellQuote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private static List<String> nodeNames(SandboxConfig config) {
    return config.nodes().stream().map(SandboxNode::name).toList();
  }

  private static EmbeddedKubeApi startKubeApi(int port, boolean kubeOvn) {
    try {
      return EmbeddedKubeApi.start(port, kubeOvn);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Kubernetes API on port " + port, e);
    }
  }

  private static void createDirectories(Path... dirs) {
    try {
      for (Path d : dirs) {
        Files.createDirectories(d);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops everything in reverse start order; keeps going past failures and reports the first. */
  @Override
  public void close() {
    RuntimeException failure = closeAll(running, null);
    if (failure != null) {
      throw failure;
    }
  }

  private static RuntimeException closeAll(Deque<AutoCloseable> running, RuntimeException cause) {
    RuntimeException failure = cause;
    while (!running.isEmpty()) {
      AutoCloseable c = running.pop();
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("stopping {}: {}", c.getClass().getSimpleName(), e.toString());
        if (failure == null) {
          failure = new IllegalStateException("stopping the sandbox failed", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    return failure == cause ? null : failure;
  }
}

package io.ovneip.sandbox;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ovneip.kubeapi.EmbeddedKubeApi;
import io.ovneip.sandbox.cni.ClusterNetwork;
import io.ovneip.sandbox.cni.CniStandIn;
import io.ovneip.sandbox.cni.NbctlCniOvn;
import io.ovneip.sandbox.exec.CommandRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running sandbox inside this JVM: OVN central daemons, the Kubernetes API, the CNI stand-in and
 * the controller, started in that order and stopped in reverse. {@link SandboxDaemon} hosts one in
 * a background JVM; tests may host one directly.
 */
public final class Sandbox implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);

  private final SandboxLayout layout;
  private final Deque<AutoCloseable> running;
  private final String nbRemote;
  private final String sbRemote;
  private final int apiPort;
  private final Map<String, String> ovsDbs;
  private final String metricsUrl;

  private Sandbox(
      SandboxLayout layout,
      Deque<AutoCloseable> running,
      String nb,
      String sb,
      int apiPort,
      Map<String, String> ovsDbs,
      String metricsUrl) {
    this.layout = layout;
    this.metricsUrl = metricsUrl;
    this.running = running;
    this.nbRemote = nb;
    this.sbRemote = sb;
    this.apiPort = apiPort;
    // Node order, as configured: env and ready list the nodes the way the user numbered them.
    this.ovsDbs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ovsDbs));
  }

  /**
   * Starts everything and writes {@code kubeconfig} and {@code env}; stops what started on error.
   */
  public static Sandbox start(SandboxConfig config) {
    SandboxLayout layout = config.layout();
    Deque<AutoCloseable> running = new ArrayDeque<>();
    try {
      createDirectories(layout.ovn(), layout.ovs(), layout.pids(), layout.logs());
      OvnCentral ovn = OvnCentral.start(layout.ovn(), layout.pids());
      running.push(ovn);
      LOG.info("OVN NB {} SB {}", ovn.nbRemote(), ovn.sbRemote());

      EmbeddedKubeApi api = startKubeApi(config.apiPort());
      running.push(api);
      api.writeKubeconfig(layout.kubeconfig());
      LOG.info("Kubernetes API on http://127.0.0.1:{}", api.port());
      KubernetesClient client = api.client();

      CommandRunner runner = CommandRunner.inheritingEnvironment();
      running.push(
          CniStandIn.start(
              client,
              new NbctlCniOvn(ovn.nbRemote(), ovn.sbRemote(), runner, Duration.ofSeconds(10)),
              ClusterNetwork.defaults(),
              config.nodes()));
      LOG.info("CNI stand-in running for nodes {}", config.nodes());

      ControllerHost.Running controller =
          ControllerHost.start(client, ovn.nbRemote(), ovn.sbRemote());
      running.push(controller);

      NodeAgents agents =
          NodeAgents.start(client, config.nodes(), ovn.sbRemote(), layout.ovs(), layout.pids());
      running.push(agents);
      LOG.info("node agents running, Open_vSwitch DBs {}", agents.ovsDbs());

      Sandbox sandbox =
          new Sandbox(
              layout,
              running,
              ovn.nbRemote(),
              ovn.sbRemote(),
              api.port(),
              agents.ovsDbs(),
              controller.metricsUrl());
      sandbox.writeEnv();
      return sandbox;
    } catch (RuntimeException e) {
      closeAll(running, e);
      throw e;
    }
  }

  public String nbRemote() {
    return nbRemote;
  }

  public String sbRemote() {
    return sbRemote;
  }

  public int apiPort() {
    return apiPort;
  }

  /** The {@code ready} file's content: the endpoints, one {@code key=value} a line. */
  String readyText() {
    StringBuilder s =
        new StringBuilder(
            "kube-api=http://127.0.0.1:%d%nnb=%s%nsb=%s%n".formatted(apiPort, nbRemote, sbRemote));
    ovsDbs.forEach(
        (node, remote) -> s.append("ovs/").append(node).append('=').append(remote).append('\n'));
    return s.toString();
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
                shellQuote(nbRemote),
                shellQuote(sbRemote),
                shellQuote(layout.dir().toString()),
                shellQuote(metricsUrl));
    StringBuilder nodes = new StringBuilder();
    // One variable per node's Open_vSwitch DB: ovs-vsctl --db=$OVS_DB_KUBE_OVN_WORKER show
    ovsDbs.forEach(
        (node, remote) ->
            nodes
                .append("export ")
                .append(ovsDbVariable(node))
                .append('=')
                .append(shellQuote(remote))
                .append('\n'));
    writeAtomically(layout.env(), text + nodes);
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

  private static EmbeddedKubeApi startKubeApi(int port) {
    try {
      return EmbeddedKubeApi.start(port);
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

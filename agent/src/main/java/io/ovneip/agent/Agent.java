package io.ovneip.agent;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node agent (docs/behaviour.md §6): keeps {@code br-<net>}, its NIC and the bridge mapping in
 * the local Open_vSwitch DB in line with this node's gateway label and the gateway ConfigMap.
 *
 * <p>{@link #run(AgentOptions)} is the program ({@code ovn-eip agent}); {@link #start} runs the
 * same agent embedded, on a given Kubernetes client, until {@link #close()}.
 */
public final class Agent implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

  private final KubeView kube;
  private final OvsLink ovs;
  private final AgentLoop loop;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Agent(KubeView kube, OvsLink ovs, AgentLoop loop) {
    this.kube = kube;
    this.ovs = ovs;
    this.loop = loop;
  }

  /**
   * Runs the agent until the JVM is asked to stop (SIGTERM, SIGINT), then shuts down cleanly: the
   * pass in flight completes, informers and the OVSDB connection close. Returns after shutdown.
   */
  public static void run(AgentOptions options) throws InterruptedException {
    try (KubernetesClient client = kubernetes(options);
        Agent agent = start(options, client)) {
      Thread hook = new Thread(agent::close, "ovn-eip-agent-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      agent.awaitStopped();
    }
  }

  /** Starts the agent on {@code client} (not closed by the agent), connecting to options.ovsDb. */
  public static Agent start(AgentOptions options, KubernetesClient client) {
    return start(options, client, ReplicaOvsLink::connect, NicProbe.host(), Clock.systemUTC());
  }

  /**
   * Like {@link #start(AgentOptions, KubernetesClient)}, seeing the node's NICs through {@code
   * nics}.
   */
  public static Agent start(AgentOptions options, KubernetesClient client, NicProbe nics) {
    return start(options, client, ReplicaOvsLink::connect, nics, Clock.systemUTC());
  }

  /** The seams tests and embedders use: how to reach OVS, how to see NICs, which clock. */
  static Agent start(
      AgentOptions options,
      KubernetesClient client,
      Function<AgentOptions, OvsLink> connect,
      NicProbe nics,
      Clock clock) {
    AgentLoop loop = new AgentLoop(options, clock);
    OvsLink ovs = connect.apply(options);
    KubeView kube;
    try {
      ovs.onChange(loop::signal); // hand edits in OVS come back
      kube = KubeView.start(client, options, loop::signal);
    } catch (RuntimeException e) {
      ovs.close();
      throw e;
    }
    NodeEvents events = new NodeEvents(client, options.nodeName(), clock);
    loop.start(kube, ovs, new AgentReconciler(options, kube, ovs, nics, events, clock));
    LOG.info(
        "node/{}: agent started (ovs-db {}, ConfigMap {}/{}, bridge br-{})",
        options.nodeName(),
        options.ovsDb(),
        options.configNamespace(),
        KubeView.CONFIG_MAP,
        options.externalNet());
    return new Agent(kube, ovs, loop);
  }

  public AgentStatus status() {
    return loop.status();
  }

  /** Blocks until the agent has stopped. */
  public void awaitStopped() throws InterruptedException {
    loop.awaitStopped();
  }

  /** Stops the loop (finishing the pass in flight), then the informers and the OVS connection. */
  @Override
  public void close() {
    // Both the shutdown hook and run()'s try-with-resources call this; only the first acts.
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      loop.close();
    } finally {
      try {
        kube.close();
      } finally {
        ovs.close();
      }
    }
  }

  private static KubernetesClient kubernetes(AgentOptions options) {
    if (options.kubeconfig().isEmpty()) {
      return new KubernetesClientBuilder().build();
    }
    Path file = options.kubeconfig().get();
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException("cannot read kubeconfig " + file);
    }
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(file.toFile())).build();
  }
}

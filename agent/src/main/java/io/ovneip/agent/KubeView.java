package io.ovneip.agent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.ovneip.model.input.GatewayConfigParser;
import io.ovneip.model.input.IpAddress;
import io.ovneip.model.ovs.GatewaySwitch;
import io.ovneip.model.ovs.NodeRole;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The agent's window on Kubernetes: an informer on its own Node and one on the ConfigMap {@code
 * ovn-external-gw-config}. Callbacks only signal the agent's queue (filtered by name: the mock API
 * server, and some proxies, ignore the field selector); the loop reads the caches when it runs.
 */
final class KubeView implements AutoCloseable {
  static final String CONFIG_MAP = GatewayConfigParser.CONFIG_MAP_NAME;

  private final String nodeName;
  private final String namespace;
  private final SharedIndexInformer<Node> nodes;
  private final SharedIndexInformer<ConfigMap> configMaps;

  private KubeView(
      String nodeName,
      String namespace,
      SharedIndexInformer<Node> nodes,
      SharedIndexInformer<ConfigMap> configMaps) {
    this.nodeName = nodeName;
    this.namespace = namespace;
    this.nodes = nodes;
    this.configMaps = configMaps;
  }

  /** Starts both informers; {@code signal} runs on every change to the two objects. */
  static KubeView start(KubernetesClient client, AgentOptions options, Runnable signal) {
    String node = options.nodeName();
    SharedIndexInformer<Node> nodes =
        client.nodes().withName(node).inform(new Signal<>(node, signal), 0);
    SharedIndexInformer<ConfigMap> cms;
    try {
      cms =
          client
              .configMaps()
              .inNamespace(options.configNamespace())
              .withName(CONFIG_MAP)
              .inform(new Signal<>(CONFIG_MAP, signal), 0);
    } catch (RuntimeException e) {
      nodes.close();
      throw e;
    }
    return new KubeView(node, options.configNamespace(), nodes, cms);
  }

  /** Waits until both caches hold a first full list; before that, absence means nothing. */
  boolean awaitSynced(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!synced()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
    return true;
  }

  boolean synced() {
    return nodes.hasSynced() && configMaps.hasSynced();
  }

  /** The Node's gateway role; UNKNOWN if the Node is not there. */
  NodeRole role() {
    Node node = nodes.getStore().getByKey(nodeName);
    return NodeRole.fromLabels(node == null ? null : labels(node));
  }

  /** The ConfigMap's switch; {@code Disabled} if it does not exist. */
  GatewaySwitch gateway() {
    ConfigMap cm = configMaps.getStore().getByKey(namespace + "/" + CONFIG_MAP);
    return GatewaySwitch.parse(
        cm == null ? null : Optional.ofNullable(cm.getData()).orElse(Map.of()));
  }

  /** The Node's InternalIP addresses (status.addresses); those that do not parse are skipped. */
  Set<IpAddress> nodeIps() {
    return node().map(n -> n.getStatus()).map(st -> st.getAddresses()).orElse(List.of()).stream()
        .filter(a -> "InternalIP".equals(a.getType()))
        .map(a -> IpAddress.parse(a.getAddress() == null ? "" : a.getAddress().trim()))
        .flatMap(Optional::stream)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** The Node as cached, for Events (its UID). */
  Optional<Node> node() {
    return Optional.ofNullable(nodes.getStore().getByKey(nodeName));
  }

  @Override
  public void close() {
    nodes.close();
    configMaps.close();
  }

  private static Map<String, String> labels(Node node) {
    Map<String, String> labels = node.getMetadata().getLabels();
    return labels == null ? Map.of() : labels;
  }

  /** Signals changes to the object named {@code name}; ignores everything else. */
  private static final class Signal<T extends HasMetadata> implements ResourceEventHandler<T> {
    private final String name;
    private final Runnable signal;

    Signal(String name, Runnable signal) {
      this.name = Objects.requireNonNull(name);
      this.signal = signal;
    }

    @Override
    public void onAdd(T obj) {
      fireFor(obj);
    }

    @Override
    public void onUpdate(T oldObj, T newObj) {
      fireFor(newObj);
    }

    @Override
    public void onDelete(T obj, boolean deletedFinalStateUnknown) {
      fireFor(obj);
    }

    private void fireFor(T obj) {
      if (obj != null && name.equals(obj.getMetadata().getName())) {
        signal.run();
      }
    }
  }
}

package io.ovneip.bench;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The embedded Kubernetes API: fabric8's mock server in CRUD mode (informers, watches and JSON
 * patches work), plus the objects the seed and Kube-OVN create: the gateway node, the seed's
 * ConfigMap and pods as the CNI leaves them. The stock mock scans every stored object on each
 * request, so its cost grows with N; the results report how much CPU this JVM (mostly the mock)
 * used next to the controller's.
 */
final class KubeApi implements AutoCloseable {
  static final String NODE = "kube-ovn-worker";
  static final String CHASSIS = "chassis-worker";
  static final Map<String, String> SEED_CONFIG =
      Map.of(
          "enable-external-gw", "true",
          "external-gw-nodes", NODE,
          "external-gw-nic", "eth1",
          "external-gw-addr", "172.56.0.1/16",
          "nic-ip", "172.56.0.254/16",
          "nic-mac", "16:52:f3:13:6a:25");

  /**
   * The mock logs every request at INFO through java.util.logging; at 10,000 pods that is tens of
   * thousands of console lines whose formatting would be charged to the "API server". Held in a
   * field: JUL keeps loggers only weakly, and a collected logger forgets its level.
   */
  private static final Logger MOCK_LOG = quiet("io.fabric8.mockwebserver");

  private final BenchDispatcher dispatcher = new BenchDispatcher();
  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final ExecutorService pool = Executors.newFixedThreadPool(8);

  KubeApi() {
    server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    client = server.createClient();
  }

  private static Logger quiet(String name) {
    Logger l = Logger.getLogger(name);
    l.setLevel(Level.WARNING);
    return l;
  }

  KubernetesClient client() {
    return client;
  }

  /** The URL the controller's JVM connects to. */
  String url() {
    return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getPort();
  }

  /** The gateway node (its chassis named by annotation) and the seed's ConfigMap. */
  void seed() {
    client
        .nodes()
        .resource(
            new NodeBuilder()
                .withNewMetadata()
                .withName(NODE)
                .addToAnnotations("ovn.kubernetes.io/chassis", CHASSIS)
                .endMetadata()
                .build())
        .create();
    client
        .configMaps()
        .inNamespace("kube-system")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("ovn-external-gw-config")
                .withNamespace("kube-system")
                .endMetadata()
                .withData(SEED_CONFIG)
                .build())
        .create();
  }

  /** Creates the pods, 8 requests at a time. */
  void createPods(List<BenchPod> pods) {
    all(pods, p -> client.pods().inNamespace("default").resource(pod(p)).create());
  }

  /** A pod as the CNI leaves it: scheduled, allocated, IP and MAC annotated; plus eip/snat. */
  static Pod pod(BenchPod p) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(p.name())
        .withNamespace("default")
        .addToAnnotations("ovn.kubernetes.io/allocated", "true")
        .addToAnnotations("ovn.kubernetes.io/ip_address", p.ip())
        .addToAnnotations("ovn.kubernetes.io/mac_address", p.mac())
        .addToAnnotations("ovn.kubernetes.io/logical_switch", "ovn-default")
        .addToAnnotations(p.annotation(), p.external())
        .endMetadata()
        .withNewSpec()
        .withNodeName(NODE)
        .addNewContainer()
        .withName("c")
        .withImage("nginx")
        .endContainer()
        .endSpec()
        .build();
  }

  /** Sets the pod's eip or snat annotation to {@code p.external()} (a JSON merge patch). */
  void annotate(BenchPod p) {
    String patch =
        "{\"metadata\":{\"annotations\":{\"" + p.annotation() + "\":\"" + p.external() + "\"}}}";
    client
        .pods()
        .inNamespace("default")
        .withName(p.name())
        .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
  }

  /** Guarded patches the API refused (lost races); each costs the controller a retry. */
  long conflicts() {
    return dispatcher.conflicts();
  }

  void delete(BenchPod p) {
    client.pods().inNamespace("default").withName(p.name()).delete();
  }

  /** Runs {@code action} on every pod, 8 at a time; fails on the first error. */
  void all(List<BenchPod> pods, Consumer<BenchPod> action) {
    List<Future<?>> fs =
        pods.stream().<Future<?>>map(p -> pool.submit(() -> action.accept(p))).toList();
    for (Future<?> f : fs) {
      try {
        f.get(10, TimeUnit.MINUTES);
      } catch (Exception e) {
        fs.forEach(x -> x.cancel(true));
        throw new IllegalStateException("Kubernetes API request failed", e);
      }
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
    client.close();
    server.destroy();
  }
}

package io.ovneip.bench;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.ovneip.kubeapi.EmbeddedKubeApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Kubernetes API of the benchmark: the project's {@link EmbeddedKubeApi} (the sandbox's and the
 * ITs' API; lookups indexed by name, requests answered on many threads), plus the objects the seed
 * and Kube-OVN create: the gateway node, the seed's ConfigMap and pods as the CNI leaves them. The
 * results report how much CPU this JVM (mostly the API) used next to the controller's.
 */
public final class KubeApi implements AutoCloseable {
  public static final String NODE = "kube-ovn-worker";
  public static final String CHASSIS = "chassis-worker";
  public static final Map<String, String> SEED_CONFIG =
      Map.of(
          "enable-external-gw", "true",
          "external-gw-nodes", NODE,
          "external-gw-nic", "eth1",
          "external-gw-addr", "172.56.0.1/16",
          "nic-ip", "172.56.0.254/16",
          "nic-mac", "16:52:f3:13:6a:25");

  private final EmbeddedKubeApi api;
  private final ExecutorService pool = Executors.newFixedThreadPool(8);

  public KubeApi() {
    try {
      api = EmbeddedKubeApi.start(0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded Kubernetes API", e);
    }
  }

  public KubernetesClient client() {
    return api.client();
  }

  /** The URL the controller's JVM connects to. */
  public String url() {
    return api.url();
  }

  /** The gateway node (its chassis named by annotation) and the seed's ConfigMap. */
  public void seed() {
    KubernetesClient client = api.client();
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
  public void createPods(List<BenchPod> pods) {
    all(pods, p -> api.client().pods().inNamespace("default").resource(pod(p)).create());
  }

  /** A pod as the CNI leaves it: scheduled, allocated, IP and MAC annotated; plus eip/snat. */
  public static Pod pod(BenchPod p) {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(p.name())
            .withNamespace("default")
            .addToAnnotations("ovn.kubernetes.io/allocated", "true")
            .addToAnnotations("ovn.kubernetes.io/ip_address", p.ip())
            .addToAnnotations("ovn.kubernetes.io/mac_address", p.mac())
            .addToAnnotations("ovn.kubernetes.io/logical_switch", "ovn-default")
            .endMetadata()
            .withNewSpec()
            .withNodeName(NODE)
            .addNewContainer()
            .withName("c")
            .withImage("nginx")
            .endContainer()
            .endSpec()
            .build();
    if (p.nat()) {
      pod.getMetadata().getAnnotations().put(p.annotation(), p.external());
    }
    return pod;
  }

  /** Sets the pod's eip or snat annotation to {@code p.external()} (a JSON merge patch). */
  public void annotate(BenchPod p) {
    String patch =
        "{\"metadata\":{\"annotations\":{\"" + p.annotation() + "\":\"" + p.external() + "\"}}}";
    api.client()
        .pods()
        .inNamespace("default")
        .withName(p.name())
        .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
  }

  /** Guarded patches the API refused (lost races); each costs the controller a retry. */
  public long conflicts() {
    return api.refusedPatches();
  }

  public void delete(BenchPod p) {
    api.client().pods().inNamespace("default").withName(p.name()).delete();
  }

  /** Runs {@code action} on every pod, 8 at a time; fails on the first error. */
  public void all(List<BenchPod> pods, Consumer<BenchPod> action) {
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
    api.close();
  }
}

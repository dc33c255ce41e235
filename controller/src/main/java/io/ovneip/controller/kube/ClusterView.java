package io.ovneip.controller.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.ovneip.model.input.Annotations;
import io.ovneip.model.input.GatewayConfigParser;
import io.ovneip.model.input.PodRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The controller's read side of Kubernetes: informers on the gateway ConfigMap, Nodes and Pods.
 * Callbacks only enqueue keys (architecture rule 6); the reconciler reads the informers' stores,
 * which always hold the latest state.
 */
public final class ClusterView implements AutoCloseable {
  /** The queue key of everything the gateway depends on (ConfigMap, nodes). */
  public static final String GATEWAY_KEY = "gateway";

  private static final String POD_KEY_PREFIX = "pod/";

  private final SharedIndexInformer<ConfigMap> configMaps;
  private final SharedIndexInformer<Node> nodes;
  private final SharedIndexInformer<Pod> pods;
  private final String configNamespace;

  /**
   * @param enqueue called with the key of every change that can change what is desired
   * @param onStatusOnlyChange called with a pod's key when only what the pod shows changed (the
   *     {@code routed} annotation, conditions): nothing to reconcile, but what it shows may need
   *     writing again (someone removed {@code routed} by hand)
   * @param onNatAnnotationChange called with a pod's key when its eip/snat annotations change (for
   *     the change-to-commit latency metric)
   */
  public ClusterView(
      KubernetesClient client,
      String configNamespace,
      Consumer<String> enqueue,
      Consumer<String> onStatusOnlyChange,
      Consumer<String> onNatAnnotationChange) {
    this.configNamespace = configNamespace;
    this.configMaps =
        client
            .configMaps()
            .inNamespace(configNamespace)
            .withName(GatewayConfigParser.CONFIG_MAP_NAME)
            .inform(handler(o -> enqueue.accept(GATEWAY_KEY)), 0);
    this.nodes = client.nodes().inform(handler(o -> enqueue.accept(GATEWAY_KEY)), 0);
    this.pods =
        client
            .pods()
            .inAnyNamespace()
            .inform(podHandler(enqueue, onStatusOnlyChange, onNatAnnotationChange), 0);
  }

  public static String podKey(HasMetadata pod) {
    return podKey(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
  }

  public static String podKey(String namespace, String name) {
    return POD_KEY_PREFIX + namespace + "/" + name;
  }

  public static boolean isPodKey(String key) {
    return key.startsWith(POD_KEY_PREFIX);
  }

  /** The pod of a key made by {@link #podKey} (names and namespaces never hold a slash). */
  public static PodRef podRef(String podKey) {
    if (!isPodKey(podKey)) {
      throw new IllegalArgumentException("not a pod key: " + podKey);
    }
    String rest = podKey.substring(POD_KEY_PREFIX.length());
    int slash = rest.indexOf('/');
    return new PodRef(rest.substring(0, slash), rest.substring(slash + 1));
  }

  /**
   * True once every informer has listed. {@code inform(...)} already blocks for the first list, so
   * this only turns false again while an informer relists after losing its watch.
   */
  public boolean synced() {
    return configMaps.hasSynced() && nodes.hasSynced() && pods.hasSynced();
  }

  public Optional<ConfigMap> configMap() {
    return Optional.ofNullable(
        configMaps
            .getStore()
            .getByKey(configNamespace + "/" + GatewayConfigParser.CONFIG_MAP_NAME));
  }

  public List<Node> nodes() {
    return nodes.getStore().list();
  }

  public List<Pod> pods() {
    return pods.getStore().list();
  }

  public Optional<Pod> pod(String namespace, String name) {
    return Optional.ofNullable(pods.getStore().getByKey(namespace + "/" + name));
  }

  private static ResourceEventHandler<Pod> podHandler(
      Consumer<String> enqueue,
      Consumer<String> onStatusOnlyChange,
      Consumer<String> onNatAnnotationChange) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        if (!natAnnotations(pod).isEmpty()) {
          onNatAnnotationChange.accept(podKey(pod));
        }
        enqueue.accept(podKey(pod));
      }

      @Override
      public void onUpdate(Pod oldPod, Pod newPod) {
        if (!natAnnotations(oldPod).equals(natAnnotations(newPod))) {
          onNatAnnotationChange.accept(podKey(newPod));
        }
        if (sameInputs(oldPod, newPod)) {
          // Typically our own status write coming back: reconciling would decide the same.
          onStatusOnlyChange.accept(podKey(newPod));
        } else {
          enqueue.accept(podKey(newPod));
        }
      }

      @Override
      public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
        enqueue.accept(podKey(pod));
      }
    };
  }

  /**
   * Whether two versions of a pod are equal in everything the model reads from pods (the fields
   * {@code KubeInputs.facts} copies); {@code routed} (Kube-OVN's, or ours without Kube-OVN) and our
   * {@code ovn-eip.io/applied} are not inputs.
   */
  static boolean sameInputs(Pod a, Pod b) {
    ObjectMeta ma = a.getMetadata();
    ObjectMeta mb = b.getMetadata();
    return Objects.equals(ma.getUid(), mb.getUid())
        && Objects.equals(ma.getCreationTimestamp(), mb.getCreationTimestamp())
        && Objects.equals(inputAnnotations(a), inputAnnotations(b))
        && Objects.equals(spec(a, PodSpec::getNodeName), spec(b, PodSpec::getNodeName))
        && Objects.equals(spec(a, PodSpec::getHostNetwork), spec(b, PodSpec::getHostNetwork))
        && Objects.equals(phase(a), phase(b));
  }

  private static Map<String, String> inputAnnotations(Pod pod) {
    Map<String, String> a = pod.getMetadata().getAnnotations();
    if (a == null || (!a.containsKey(Annotations.ROUTED) && !a.containsKey(Annotations.APPLIED))) {
      return a == null ? Map.of() : a;
    }
    Map<String, String> out = new HashMap<>(a);
    out.remove(Annotations.ROUTED);
    out.remove(Annotations.APPLIED);
    return out;
  }

  private static <T> T spec(Pod pod, Function<PodSpec, T> field) {
    return pod.getSpec() == null ? null : field.apply(pod.getSpec());
  }

  private static String phase(Pod pod) {
    return pod.getStatus() == null ? null : pod.getStatus().getPhase();
  }

  private static Map<String, String> natAnnotations(Pod pod) {
    Map<String, String> a = pod.getMetadata().getAnnotations();
    if (a == null) {
      return Map.of();
    }
    Map<String, String> out = new HashMap<>();
    for (String key : List.of(Annotations.EIP, Annotations.SNAT)) {
      if (a.get(key) != null) {
        out.put(key, a.get(key));
      }
    }
    return out;
  }

  private static <T extends HasMetadata> ResourceEventHandler<T> handler(Consumer<T> onChange) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        onChange.accept(obj);
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        onChange.accept(newObj);
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        onChange.accept(obj);
      }
    };
  }

  @Override
  public void close() {
    configMaps.close();
    nodes.close();
    pods.close();
  }
}

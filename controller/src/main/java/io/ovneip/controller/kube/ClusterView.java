package io.ovneip.controller.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.ovneip.controller.queue.QueueKey;
import io.ovneip.model.input.Annotations;
import io.ovneip.model.input.GatewayConfigParser;
import io.ovneip.model.input.PodFacts;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The controller's read side of Kubernetes: informers on the gateway ConfigMap, Nodes and Pods.
 * Callbacks only enqueue keys (architecture rule 6); the reconciler reads the informers' stores,
 * which always hold the latest state.
 */
public final class ClusterView implements AutoCloseable {
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
   * @param deletionDeadline called with a pod's key and the instant its deletion grace period is
   *     over (docs/behaviour.md §2.3): nothing changes in the API then, so the pod must be
   *     reconciled at that instant by a timer
   */
  public ClusterView(
      KubernetesClient client,
      String configNamespace,
      Consumer<String> enqueue,
      Consumer<String> onStatusOnlyChange,
      Consumer<String> onNatAnnotationChange,
      BiConsumer<String, Pod> deletionDeadline) {
    this.configNamespace = configNamespace;
    this.configMaps =
        client
            .configMaps()
            .inNamespace(configNamespace)
            .withName(GatewayConfigParser.CONFIG_MAP_NAME)
            .inform(handler(o -> enqueue.accept(QueueKey.GATEWAY.print())), 0);
    this.nodes = client.nodes().inform(handler(o -> enqueue.accept(QueueKey.GATEWAY.print())), 0);
    this.pods =
        client
            .pods()
            .inAnyNamespace()
            .inform(
                podHandler(enqueue, onStatusOnlyChange, onNatAnnotationChange, deletionDeadline),
                0);
  }

  /** The queue key of a pod. */
  public static QueueKey.Pod keyOf(HasMetadata pod) {
    return QueueKey.pod(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
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
      Consumer<String> onNatAnnotationChange,
      BiConsumer<String, Pod> deletionDeadline) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null) {
          deletionDeadline.accept(keyOf(pod).print(), pod);
        }
        if (!natAnnotations(pod).isEmpty()) {
          onNatAnnotationChange.accept(keyOf(pod).print());
        }
        enqueue.accept(keyOf(pod).print());
      }

      @Override
      public void onUpdate(Pod oldPod, Pod newPod) {
        if (!natAnnotations(oldPod).equals(natAnnotations(newPod))) {
          onNatAnnotationChange.accept(keyOf(newPod).print());
        }
        if (newPod.getMetadata().getDeletionTimestamp() != null) {
          deletionDeadline.accept(keyOf(newPod).print(), newPod);
        }
        if (sameInputs(oldPod, newPod)) {
          // Typically our own status write coming back: reconciling would decide the same.
          onStatusOnlyChange.accept(keyOf(newPod).print());
        } else {
          enqueue.accept(keyOf(newPod).print());
        }
      }

      @Override
      public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
        enqueue.accept(keyOf(pod).print());
      }
    };
  }

  /**
   * Whether two versions of a pod are equal in everything the model reads from pods (what {@link
   * KubeInputs#facts} copies, the one definition of a pod's inputs); {@code routed} (Kube-OVN's, or
   * ours without Kube-OVN) and our {@code ovn-eip.io/applied} are not inputs.
   */
  static boolean sameInputs(Pod a, Pod b) {
    try {
      // One instant for both: a grace period running out is a change of input (terminated).
      Instant now = Instant.now();
      return inputs(a, now).equals(inputs(b, now));
    } catch (RuntimeException e) {
      return false; // a pod that does not parse is reconciled, which reports why
    }
  }

  private static PodFacts inputs(Pod pod, Instant now) {
    PodFacts f = KubeInputs.facts(pod, now);
    if (!f.annotations().containsKey(Annotations.ROUTED)
        && !f.annotations().containsKey(Annotations.APPLIED)) {
      return f;
    }
    Map<String, String> annotations = new HashMap<>(f.annotations());
    annotations.remove(Annotations.ROUTED);
    annotations.remove(Annotations.APPLIED);
    return new PodFacts(
        f.pod(),
        f.uid(),
        f.creationTimestamp(),
        f.nodeName(),
        f.hostNetwork(),
        annotations,
        f.terminated());
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

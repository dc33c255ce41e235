package io.ovneip.sandbox.dataplane;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.ovneip.model.input.Annotations;
import io.ovneip.runtime.Backoff;
import io.ovneip.runtime.BatchHandler;
import io.ovneip.runtime.WorkQueue;
import io.ovneip.sandbox.cni.ClusterNetwork;
import io.ovneip.testkit.dataplane.Cluster;
import io.ovneip.testkit.dataplane.PodNetns;
import io.ovneip.testkit.dataplane.PodSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet + CNI plugin half of every node: a pod that the CNI stand-in has allocated ({@code
 * allocated=true}, its IP and MAC) and placed on a node of the cluster gets a network namespace on
 * that node's {@code br-int} with {@code iface-id=<pod>.<namespace>}; when it goes, or its address
 * or node changes, the namespace goes (or is made anew). Level-triggered like the stand-in:
 * callbacks enqueue {@code namespace/name} on the shared {@link WorkQueue}, whose worker compares
 * the pod as cached now with what is attached, and retries later on failure. The logical switch
 * port is the stand-in's (it exists before the annotations do).
 */
final class PodNamespaces implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PodNamespaces.class);
  private static final Duration RETRY = Duration.ofSeconds(2);
  private static final long RESYNC_MILLIS = Duration.ofMinutes(1).toMillis();

  private final Cluster dataplane;
  private final ClusterNetwork network;
  private final Map<String, Placed> attached = new ConcurrentHashMap<>();
  private final Map<String, PodNetns> netns = new ConcurrentHashMap<>();
  private final WorkQueue queue =
      new WorkQueue(
          "pod-namespaces",
          BatchHandler.eachKey(this::process),
          new Backoff(RETRY, RETRY),
          Clock.systemUTC());
  private volatile SharedIndexInformer<Pod> informer;

  /** A pod's namespace on a node. */
  private record Placed(String node, PodSpec spec) {}

  private PodNamespaces(Cluster dataplane, ClusterNetwork network) {
    this.dataplane = dataplane;
    this.network = network;
  }

  static PodNamespaces start(KubernetesClient client, Cluster dataplane, ClusterNetwork network) {
    PodNamespaces p = new PodNamespaces(dataplane, network);
    p.queue.start();
    try {
      p.informer =
          client
              .pods()
              .inAnyNamespace()
              .inform(
                  new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Pod pod) {
                      p.enqueue(Cache.metaNamespaceKeyFunc(pod));
                    }

                    @Override
                    public void onUpdate(Pod oldPod, Pod newPod) {
                      p.enqueue(Cache.metaNamespaceKeyFunc(newPod));
                    }

                    @Override
                    public void onDelete(Pod pod, boolean finalStateUnknown) {
                      p.enqueue(Cache.metaNamespaceKeyFunc(pod));
                    }
                  },
                  RESYNC_MILLIS);
      return p;
    } catch (RuntimeException e) {
      p.close();
      throw e;
    }
  }

  private void enqueue(String key) {
    queue.add(key);
  }

  private void process(String key) {
    SharedIndexInformer<Pod> i = informer;
    Optional<Placed> want = wanted(i == null ? null : i.getStore().getByKey(key));
    Placed have = attached.get(key);
    if (have != null && !want.equals(Optional.of(have))) {
      PodNetns old = netns.get(key);
      dataplane.removePod(old);
      attached.remove(key);
      netns.remove(key);
      LOG.info("pod {}: namespace {} removed from {}", key, old.netns().name(), have.node());
    }
    if (want.isPresent() && !attached.containsKey(key)) {
      PodNetns pod = dataplane.addPod(want.get().node(), want.get().spec());
      attached.put(key, want.get());
      netns.put(key, pod);
      LOG.info(
          "pod {}: namespace {} on {}'s br-int ({} {}, iface-id {})",
          key,
          pod.netns().name(),
          want.get().node(),
          pod.spec().ip(),
          pod.spec().mac(),
          pod.spec().ovnPort());
    }
  }

  /** The namespace a pod should have: only once the CNI allocated it on a node of the cluster. */
  private Optional<Placed> wanted(Pod pod) {
    if (pod == null
        || pod.getSpec().getNodeName() == null
        || dataplane.nodes().stream().noneMatch(n -> n.name().equals(pod.getSpec().getNodeName()))
        || Boolean.TRUE.equals(pod.getSpec().getHostNetwork())
        || pod.getMetadata().getDeletionTimestamp() != null) {
      return Optional.empty();
    }
    Map<String, String> a = pod.getMetadata().getAnnotations();
    if (a == null
        || !"true".equals(a.get(Annotations.ALLOCATED))
        || a.get(Annotations.IP_ADDRESS) == null
        || a.get(Annotations.MAC_ADDRESS) == null) {
      return Optional.empty();
    }
    // Dual stack: "IPv4,IPv6", as Kube-OVN writes it; both go on the pod's eth0.
    String[] ips = a.get(Annotations.IP_ADDRESS).split(",", -1);
    boolean dual = network.dualStack() && ips.length == 2;
    return Optional.of(
        new Placed(
            pod.getSpec().getNodeName(),
            new PodSpec(
                pod.getMetadata().getNamespace(),
                pod.getMetadata().getName(),
                a.get(Annotations.MAC_ADDRESS),
                ips[0],
                network.subnet().prefix(),
                network.gatewayIp(),
                dual ? ips[1] : "",
                dual ? 64 : 0,
                dual ? network.gatewayIp6() : "")));
  }

  /** Stops watching; the namespaces stay until the dataplane itself is closed. */
  @Override
  public void close() {
    queue.close();
    SharedIndexInformer<Pod> i = informer;
    if (i != null) {
      i.close();
    }
  }
}

package io.ovneip.sandbox.cni;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.ovneip.runtime.Backoff;
import io.ovneip.runtime.BatchHandler;
import io.ovneip.runtime.WorkQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every pod an address, a port and the CNI's annotations, and takes them back when the pod
 * goes. Level-triggered: informer callbacks only enqueue {@code namespace/name}; one worker thread
 * reads the pod's current state from the informer's cache and makes NB and the pod agree with it,
 * so event order, duplicates and restarts do not matter. The keys go through the shared {@link
 * WorkQueue}: it coalesces them and retries a failed key after a pause.
 */
final class PodAllocator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PodAllocator.class);
  private static final Duration RETRY = Duration.ofSeconds(2);
  private static final long RESYNC_MILLIS = Duration.ofMinutes(1).toMillis();

  private final KubernetesClient client;
  private final CniOvn ovn;
  private final ClusterNetwork network;
  private final List<String> nodeNames;
  private final Ipv4Pool pool;
  private final boolean setsRouted;
  private final AtomicInteger routedWrites = new AtomicInteger();

  /** The ports we know to be in NB, by pod key: the worker's memory of what it wrote. */
  private final Map<String, PodPort> ports = new ConcurrentHashMap<>();

  private final WorkQueue queue =
      new WorkQueue(
          "cni-stand-in",
          BatchHandler.eachKey(this::process),
          new Backoff(RETRY, RETRY),
          Clock.systemUTC());
  private final AtomicInteger nextNode = new AtomicInteger();
  private volatile SharedIndexInformer<Pod> informer;

  PodAllocator(
      KubernetesClient client,
      CniOvn ovn,
      ClusterNetwork network,
      List<String> nodeNames,
      boolean setsRouted) {
    this.setsRouted = setsRouted;
    this.client = client;
    this.ovn = ovn;
    this.network = network;
    this.nodeNames = List.copyOf(nodeNames);
    this.pool = new Ipv4Pool(network.subnet());
  }

  /** Loads the ports already in NB, starts the informer, waits for its first list. */
  void start() {
    queue.start();
    for (PodPort p : ovn.podPorts(network)) {
      ports.put(p.podKey(), p);
      pool.reserve(p.podKey(), p.ip());
    }
    informer =
        client
            .pods()
            .inAnyNamespace()
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Pod pod) {
                    enqueue(Cache.metaNamespaceKeyFunc(pod));
                  }

                  @Override
                  public void onUpdate(Pod oldPod, Pod newPod) {
                    enqueue(Cache.metaNamespaceKeyFunc(newPod));
                  }

                  @Override
                  public void onDelete(Pod pod, boolean finalStateUnknown) {
                    enqueue(Cache.metaNamespaceKeyFunc(pod));
                  }
                },
                RESYNC_MILLIS);
    // Ports whose pod vanished while nobody was watching (a restart) are released too.
    ports.keySet().forEach(this::enqueue);
  }

  /** The address currently held by {@code namespace/name}, for tests and diagnostics. */
  java.util.Optional<String> addressOf(String podKey) {
    return pool.addressOf(podKey);
  }

  private void enqueue(String key) {
    queue.add(key);
  }

  private void process(String key) {
    Pod pod = informer == null ? null : informer.getStore().getByKey(key);
    if (pod == null) {
      release(key);
    } else {
      ensure(key, pod);
    }
  }

  private void ensure(String key, Pod pod) {
    if (Boolean.TRUE.equals(pod.getSpec().getHostNetwork())) {
      return; // host-network pods use the node's address; the CNI allocates nothing
    }
    PodPort port = portFor(key, pod);
    if (!port.equals(ports.get(key))) {
      ovn.ensurePodPort(network, port);
      ports.put(key, port);
      LOG.info("pod {}: port {} with {}", key, port.portName(), port.addresses());
    }
    String nodeName = pod.getSpec().getNodeName();
    List<Map<String, Object>> patch =
        PodPatches.allocation(
            pod,
            port,
            network.switchName(),
            nodeName == null || nodeName.isEmpty() ? pickNode() : null);
    boolean routing = false;
    if (patch.isEmpty() && setsRouted) {
      // Allocated and annotated (the update event of our own patch brought us here): Kube-OVN's
      // route step, then routed=true. Skipped when the pod carries it already; removing it makes
      // the update event bring the pod here again at once.
      patch = PodPatches.routed(pod);
      routing = !patch.isEmpty();
    }
    if (!patch.isEmpty()) {
      try {
        client
            .pods()
            .inNamespace(pod.getMetadata().getNamespace())
            .withName(pod.getMetadata().getName())
            .patch(
                PatchContext.of(PatchType.JSON), client.getKubernetesSerialization().asJson(patch));
        if (routing) {
          routedWrites.incrementAndGet(); // counted once the API took it
        }
      } catch (KubernetesClientException e) {
        if (e.getCode() == 404) {
          return; // deleted meanwhile: its delete event releases the address
        }
        throw e;
      }
    }
  }

  int routedWrites() {
    return routedWrites.get();
  }

  /** The address the pod already carries (after a restart), else the pool's choice. */
  private PodPort portFor(String key, Pod pod) {
    String ns = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    Map<String, String> a = pod.getMetadata().getAnnotations();
    String annotated = a == null ? null : a.get(PodPatches.IP_ADDRESS);
    if (annotated != null && "true".equals(a.get(PodPatches.ALLOCATED))) {
      // Dual stack: "IPv4,IPv6"; the IPv4 half holds the pool entry, the IPv6 half follows it.
      String ip4 = annotated.split(",", -1)[0];
      try {
        if (pool.reserve(key, ip4)) {
          return PodPort.of(ns, name, ip4, network.ip6For(ip4));
        }
      } catch (IllegalArgumentException notOurs) {
        // An address from elsewhere (e.g. typed by hand): give the pod one of ours instead.
      }
    }
    String ip4 = pool.allocate(key);
    return PodPort.of(ns, name, ip4, network.ip6For(ip4));
  }

  /** Round-robin placement, standing in for the scheduler. */
  private String pickNode() {
    return nodeNames.get(Math.floorMod(nextNode.getAndIncrement(), nodeNames.size()));
  }

  private void release(String key) {
    PodPort port = ports.get(key);
    if (port != null) {
      ovn.deletePodPort(network, port.portName());
      ports.remove(key);
      LOG.info("pod {}: released {} and port {}", key, port.ip(), port.portName());
    }
    pool.release(key);
  }

  @Override
  public void close() {
    queue.close();
    SharedIndexInformer<Pod> i = informer;
    if (i != null) {
      i.close();
    }
  }
}

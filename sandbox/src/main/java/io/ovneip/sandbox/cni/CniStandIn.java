package io.ovneip.sandbox.cni;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Optional;

/**
 * The CNI stand-in, running: base topology written, nodes registered, pods watched. {@link #close}
 * stops watching and leaves NB as it is (a real CNI going down does not delete the network).
 */
public final class CniStandIn implements AutoCloseable {
  private final PodAllocator pods;

  private CniStandIn(PodAllocator pods) {
    this.pods = pods;
  }

  /**
   * Writes the base topology, registers {@code nodes} (Node objects and SB chassis) and starts
   * allocating for pods; returns once the pods that already exist have been listed.
   */
  public static CniStandIn start(
      KubernetesClient client, CniOvn ovn, ClusterNetwork network, List<SandboxNode> nodes) {
    return start(
        client, ovn, network, nodes, Mode.PLAIN, nodes.stream().map(SandboxNode::name).toList());
  }

  /** How much of Kube-OVN the stand-in plays. */
  public enum Mode {
    /** Addresses, ports and annotations only; no {@code routed}. */
    PLAIN,
    /**
     * Also what kube-ovn-controller does to every pod (docs/behaviour.md §8): {@code routed=true}
     * after its own step, again as soon as someone removes it, nothing when the pod already carries
     * it; and a Vpc {@code ovn-cluster} with {@code enableExternal=false} when the API serves
     * Kube-OVN's resources.
     */
    KUBE_OVN
  }

  /**
   * Like {@link #start(KubernetesClient, CniOvn, ClusterNetwork, List)}, but pods without a node
   * are placed round-robin on {@code schedulable} only (e.g. the one node whose pods exist on the
   * wire as network namespaces).
   */
  public static CniStandIn start(
      KubernetesClient client,
      CniOvn ovn,
      ClusterNetwork network,
      List<SandboxNode> nodes,
      Mode mode,
      List<String> schedulable) {
    if (schedulable.isEmpty()) {
      throw new IllegalArgumentException("no node to schedule pods onto");
    }
    ovn.ensureBaseTopology(network);
    new NodeRegistrar(client, ovn).register(nodes);
    if (mode == Mode.KUBE_OVN) {
      KubeOvnObjects.ensureDefaultVpc(client, network);
    }
    PodAllocator pods = new PodAllocator(client, ovn, network, schedulable, mode == Mode.KUBE_OVN);
    try {
      pods.start();
    } catch (RuntimeException e) {
      pods.close();
      throw e;
    }
    return new CniStandIn(pods);
  }

  /** How many times the stand-in has written {@code routed} (tests count ping-pong with it). */
  public int routedWrites() {
    return pods.routedWrites();
  }

  /** The address {@code namespace/name} holds now, if any. */
  public Optional<String> addressOf(String podKey) {
    return pods.addressOf(podKey);
  }

  @Override
  public void close() {
    pods.close();
  }
}

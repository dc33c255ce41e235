package io.ovneip.sandbox.dataplane;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ovneip.sandbox.cni.ClusterNetwork;
import io.ovneip.sandbox.cni.SandboxNode;
import io.ovneip.testkit.dataplane.Cluster;
import io.ovneip.testkit.dataplane.ClusterNode;
import io.ovneip.testkit.dataplane.ClusterOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's nodes on the wire: a {@link Cluster} with one real chassis per sandbox node (its
 * own namespace, vswitchd and ovn-controller registering the node's own system-id, so the
 * controller's {@code Gateway_Chassis} rows point at real chassis), joined by Geneve, every node's
 * NIC {@code eth1} on the external network with the outside host {@code 172.56.0.1/16}. Pods are
 * namespaces on the node they are scheduled to.
 *
 * <p>Two steps because of start order: {@link #start} before the CNI stand-in registers the nodes
 * (ovn-controller creates each chassis row itself, with its own encap), {@link #attachPods} once
 * the Kubernetes API and the stand-in run.
 */
public final class ClusterDataplane implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterDataplane.class);

  private final Cluster cluster;
  private PodNamespaces pods;

  private ClusterDataplane(Cluster cluster) {
    this.cluster = cluster;
  }

  /** The outside host of a dual-stack external network: the seed's and its IPv6 twin. */
  public static final String OUTSIDE_DUAL_STACK = "172.56.0.1/16,fd00:172:56::1/64";

  /**
   * Starts a chassis for every node; {@code sbUnixRemote} must be the SB's unix socket. {@code
   * dualStack}: the outside host holds {@link #OUTSIDE_DUAL_STACK} and pods get IPv6 too.
   */
  public static ClusterDataplane start(
      String sbUnixRemote, List<SandboxNode> nodes, boolean dualStack) {
    ClusterOptions options =
        ClusterOptions.seed(
            sbUnixRemote,
            nodes.stream().map(n -> new ClusterOptions.NodeSpec(n.name(), n.systemId())).toList());
    Cluster c = Cluster.start(dualStack ? options.withOutsideAddress(OUTSIDE_DUAL_STACK) : options);
    LOG.info("dataplane up: {} chassis in {}", nodes.size(), c.dir());
    return new ClusterDataplane(c);
  }

  /** Attaches every pod the CNI stand-in places on a node, from now on, until closed. */
  public void attachPods(KubernetesClient client, ClusterNetwork network) {
    if (pods != null) {
      throw new IllegalStateException("pods are attached already");
    }
    pods = PodNamespaces.start(client, cluster, network);
  }

  /** Node name to its Open_vSwitch DB remote, in node order. */
  public Map<String, String> ovsDbs() {
    Map<String, String> m = new LinkedHashMap<>();
    cluster.nodes().forEach(n -> m.put(n.name(), n.ovsDb()));
    return m;
  }

  /** The node's network namespace, where its NICs are ({@code ip -n} for its agent's probe). */
  public String netnsOf(String node) {
    return cluster.node(node).netns().name();
  }

  public boolean has(String node) {
    return cluster.nodes().stream().anyMatch(n -> n.name().equals(node));
  }

  /** The outside host's network namespace ({@code OVN_EIP_OUTSIDE_NETNS}). */
  public String outsideNetns() {
    return cluster.outside().netns().name();
  }

  /** The fabric's namespace (the underlay and external bridges, for captures). */
  public String fabricNetns() {
    return cluster.fabric().name();
  }

  /** The node crashes: kill -9 of its ovs-vswitchd and ovn-controller. */
  public List<String> crash(String node) {
    List<Long> pids = cluster.crash(node);
    return List.of(
        "node "
            + node
            + ": killed ovs-vswitchd (pid "
            + pids.get(0)
            + ") and ovn-controller (pid "
            + pids.get(1)
            + ") with SIGKILL");
  }

  /** The crashed node's daemons start again. */
  public List<String> restore(String node) {
    List<Long> pids = cluster.restore(node);
    return List.of(
        "node "
            + node
            + ": started ovs-vswitchd (pid "
            + pids.get(0)
            + ") and ovn-controller (pid "
            + pids.get(1)
            + ") again on the same Open_vSwitch DB");
  }

  public List<String> linkDown(String node) {
    ClusterNode n = cluster.node(node);
    cluster.linkDown(node);
    return List.of(
        "node "
            + node
            + ": underlay link "
            + n.fabricUnderlay()
            + " down (in "
            + fabricNetns()
            + ")");
  }

  public List<String> linkUp(String node) {
    ClusterNode n = cluster.node(node);
    cluster.linkUp(node);
    return List.of(
        "node "
            + node
            + ": underlay link "
            + n.fabricUnderlay()
            + " up (in "
            + fabricNetns()
            + ")");
  }

  /** Stops watching pods, then removes every namespace, veth and daemon of the dataplane. */
  @Override
  public void close() {
    try {
      if (pods != null) {
        pods.close();
      }
    } finally {
      cluster.close();
    }
  }
}

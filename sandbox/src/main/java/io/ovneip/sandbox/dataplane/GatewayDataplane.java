package io.ovneip.sandbox.dataplane;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ovneip.sandbox.cni.ClusterNetwork;
import io.ovneip.sandbox.cni.SandboxNode;
import io.ovneip.testkit.dataplane.Dataplane;
import io.ovneip.testkit.dataplane.DataplaneOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway node on the wire: a {@link Dataplane} whose ovn-controller registers the node's own
 * chassis (so the controller's {@code Gateway_Chassis} points at a real one), built for the seed's
 * ConfigMap (NIC {@code eth1}, outside host {@code 172.56.0.1/16}, bridge {@code br-external}).
 *
 * <p>Two steps because of start order: {@link #start} before the CNI stand-in registers the nodes
 * (ovn-controller creates the chassis row itself, with its own encap), {@link #attachPods} once the
 * Kubernetes API and the stand-in run.
 */
public final class GatewayDataplane implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayDataplane.class);

  private final Dataplane dataplane;
  private final SandboxNode node;
  private PodNamespaces pods;

  private GatewayDataplane(Dataplane dataplane, SandboxNode node) {
    this.dataplane = dataplane;
    this.node = node;
  }

  /**
   * Starts the dataplane for {@code node}. Its encap address is the node's own: the SB indexes
   * Encap by (type, ip), and the other (simulated) chassis hold the other loopback addresses.
   */
  public static GatewayDataplane start(String sbRemote, SandboxNode node) {
    return start(sbRemote, node, false);
  }

  /** The outside host of a dual-stack external network: the seed's and its IPv6 twin. */
  public static final String OUTSIDE_DUAL_STACK = "172.56.0.1/16,fd00:172:56::1/64";

  /**
   * Like {@link #start(String, SandboxNode)}; {@code dualStack}: the outside host holds {@link
   * #OUTSIDE_DUAL_STACK} (the external network is dual-stack).
   */
  public static GatewayDataplane start(String sbRemote, SandboxNode node, boolean dualStack) {
    DataplaneOptions options =
        DataplaneOptions.seed(sbRemote, node.systemId(), node.name()).withEncapIp(node.encapIp());
    Dataplane dp =
        Dataplane.start(dualStack ? options.withOutsideAddress(OUTSIDE_DUAL_STACK) : options);
    LOG.info("dataplane for {} up: Open_vSwitch DB {}", node.name(), dp.ovsDb());
    return new GatewayDataplane(dp, node);
  }

  /** Attaches every pod the CNI stand-in places on this node, from now on, until closed. */
  public void attachPods(KubernetesClient client, ClusterNetwork network) {
    if (pods != null) {
      throw new IllegalStateException("pods are attached already");
    }
    pods = PodNamespaces.start(client, dataplane, network, node.name());
  }

  /** The node's Open_vSwitch DB remote, for its agent and for {@code ovs-vsctl --db}. */
  public String ovsDb() {
    return dataplane.ovsDb();
  }

  public String nodeName() {
    return node.name();
  }

  /** The outside host's network namespace ({@code OVN_EIP_OUTSIDE_NETNS}). */
  public String outsideNetns() {
    return dataplane.outside().netns().name();
  }

  /** Stops watching pods, then removes every namespace, veth, tap and daemon of the dataplane. */
  @Override
  public void close() {
    try {
      if (pods != null) {
        pods.close();
      }
    } finally {
      dataplane.close();
    }
  }
}

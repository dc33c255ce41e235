package io.ovneip.e2e;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.ovneip.agent.Agent;
import io.ovneip.agent.AgentOptions;
import io.ovneip.agent.NicProbe;
import io.ovneip.controller.Controller;
import io.ovneip.controller.ControllerOptions;
import io.ovneip.kubeapi.EmbeddedKubeApi;
import io.ovneip.model.input.GatewaySettings;
import io.ovneip.testkit.dataplane.Cluster;
import io.ovneip.testkit.dataplane.ClusterNode;
import io.ovneip.testkit.dataplane.ClusterOptions;
import io.ovneip.testkit.dataplane.PodNetns;
import io.ovneip.testkit.dataplane.PodSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed on three real chassis ({@link Cluster}): OVN central, a node namespace per Kubernetes
 * node with its own vswitchd and ovn-controller, joined by Geneve, every node's NIC on the external
 * network with the outside host; the controller and one agent per node. {@link E2eStack} is the
 * one-chassis version; the Kubernetes and OVN helpers are shared.
 */
final class ClusterStack implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterStack.class);
  static final String NODE1 = "node1";
  static final String NODE2 = "node2";
  static final String NODE3 = "node3";
  static final String CR_PORT = "cr-ovn-cluster-external";
  static final Duration WAIT = Duration.ofSeconds(30);

  /** Centralized, gateways node1 (priority 100) and node2 (99); node3 is not a gateway. */
  static final Map<String, String> CENTRALIZED =
      Map.of(
          "enable-external-gw", "true",
          "type", "centralized",
          "external-gw-nodes", NODE1 + "," + NODE2,
          "external-gw-nic", "eth1",
          "external-gw-addr", "172.56.0.1/16",
          "nic-ip", "172.56.0.254/16",
          "nic-mac", "16:52:f3:13:6a:25");

  final Ovn ovn;
  final Cluster cluster;
  final Kube kube;
  private final EmbeddedKubeApi api;
  private final KubernetesClient client;
  private final List<Agent> agents = new ArrayList<>();
  private Controller controller;

  private ClusterStack(
      Ovn ovn, Cluster cluster, EmbeddedKubeApi api, KubernetesClient client, Kube kube) {
    this.ovn = ovn;
    this.cluster = cluster;
    this.api = api;
    this.client = client;
    this.kube = kube;
  }

  static String chassis(String node) {
    return "chassis-" + node;
  }

  /** Starts everything with ConfigMap {@code config}; returns once the gateway is claimed. */
  static ClusterStack start(Map<String, String> config, List<String> gatewayNodes) {
    long t0 = System.nanoTime();
    Ovn ovn = Ovn.start();
    Cluster cluster;
    EmbeddedKubeApi api;
    try {
      cluster =
          Cluster.start(
              ClusterOptions.seed(
                  ovn.sb.unixRemote(),
                  List.of(NODE1, NODE2, NODE3).stream()
                      .map(n -> new ClusterOptions.NodeSpec(n, chassis(n)))
                      .toList()));
    } catch (RuntimeException e) {
      ovn.close();
      throw e;
    }
    try {
      api = EmbeddedKubeApi.start(0);
    } catch (IOException | RuntimeException e) {
      try {
        cluster.close();
      } finally {
        ovn.close();
      }
      throw new IllegalStateException("cannot start the embedded Kubernetes API", e);
    }
    KubernetesClient client = new KubernetesClientBuilder().withConfig(api.clientConfig()).build();
    ClusterStack stack = new ClusterStack(ovn, cluster, api, client, new Kube(client));
    try {
      for (ClusterNode n : cluster.nodes()) {
        stack.kube.node(n.name(), n.chassis());
      }
      stack.kube.configMap(config);
      stack.controller =
          Controller.start(
              ControllerOptions.forRemotes(
                  GatewaySettings.defaults(),
                  ovn.nb.tcpRemote(),
                  ovn.sb.tcpRemote(),
                  new ControllerOptions.Election(
                      false, "kube-system", "ovn-eip-controller", "e2e")),
              client);
      for (ClusterNode n : cluster.nodes()) {
        stack.agents.add(
            Agent.start(
                AgentOptions.defaults(n.name())
                    .withOvsDb(n.ovsDb())
                    .withBridgeDatapathType("netdev")
                    .withTimings(
                        Duration.ofMinutes(5), Duration.ofMillis(500), Duration.ofSeconds(2)),
                client,
                NicProbe.inNetns(n.netns().name())));
      }
      stack.awaitGateway(gatewayNodes);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      LOG.info("cluster e2e stack up in {} ms", ms);
      System.out.printf("E2E-TIMING three-chassis stack up in %d ms%n", ms);
      return stack;
    } catch (RuntimeException e) {
      try {
        stack.close();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** Every gateway node has eth1 in br-external, the router port is claimed, BFD is up. */
  void awaitGateway(List<String> gatewayNodes) {
    for (String node : gatewayNodes) {
      ClusterNode n = cluster.node(node);
      await("the agent of " + node + " bridges eth1 into br-external")
          .atMost(WAIT)
          .until(
              () ->
                  n.vsctl("list-br").contains("br-external")
                      && n.vsctl("list-ports", "br-external").contains("eth1"));
    }
    await("a chassis claims " + CR_PORT).atMost(WAIT).until(() -> !activeChassis().isEmpty());
    ovn.syncHv();
    if (gatewayNodes.size() > 1) {
      try {
        await("BFD up on every tunnel").atMost(WAIT).until(cluster::bfdUpEverywhere);
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        StringBuilder s = new StringBuilder(e.getMessage());
        cluster.nodes().forEach(n -> s.append('\n').append(n.bfdStatus()));
        throw new AssertionError(s.toString(), e);
      }
    }
  }

  /** The chassis the SB binds the gateway port to now ("" when none). */
  String activeChassis() {
    return ovn.sbctl(
            "--bare", "--columns=chassis", "find", "Port_Binding", "logical_port=" + CR_PORT)
        .trim();
  }

  /** The name of the chassis row with UUID {@code uuid}. */
  String chassisName(String uuid) {
    return ovn.sbctl("--bare", "--columns=name", "list", "Chassis", uuid).trim();
  }

  /** The node whose chassis holds the gateway port now, or "" when none. */
  String activeNode() {
    String uuid = activeChassis();
    if (uuid.isEmpty()) {
      return "";
    }
    String name = chassisName(uuid);
    return cluster.nodes().stream()
        .filter(n -> n.chassis().equals(name))
        .map(ClusterNode::name)
        .findFirst()
        .orElse("");
  }

  /** A pod on {@code node} as Kube-OVN creates it; returns once its chassis installed the port. */
  PodNetns pod(String node, String name, String ip, String mac, Map<String, String> annotations) {
    PodSpec spec = PodSpec.onDefaultSubnet(Kube.NS, name, mac, ip);
    ovn.addPodPort(spec.ovnPort(), mac, ip);
    PodNetns pod = cluster.addPod(node, spec);
    cluster.awaitInstalled(pod, WAIT);
    kube.pod(name, node, ip, mac, new HashMap<>(annotations));
    return pod;
  }

  void awaitApplied(String pod) {
    await(pod + " applied").atMost(WAIT).until(() -> kube.applied(pod));
    ovn.syncHv();
  }

  /** Deletes the pod everywhere (test clean-up). */
  void deletePod(PodNetns pod) {
    if (!kube.podGone(pod.spec().name())) {
      kube.deletePod(pod.spec().name());
      String owner = "pod/" + Kube.NS + "/" + pod.spec().name();
      await(pod.spec().name() + "'s rows gone")
          .atMost(WAIT)
          .until(
              () ->
                  ovn.ownedRows("NAT", owner) == 0
                      && ovn.ownedRows("Logical_Router_Policy", owner) == 0);
    }
    cluster.removePod(pod);
    ovn.removePodPort(pod.spec().ovnPort());
  }

  @Override
  public void close() {
    try {
      for (Agent a : agents) {
        a.close();
      }
      if (controller != null) {
        controller.close();
      }
    } finally {
      try {
        cluster.close();
      } finally {
        try {
          ovn.close();
        } finally {
          client.close();
          api.close();
        }
      }
    }
  }
}

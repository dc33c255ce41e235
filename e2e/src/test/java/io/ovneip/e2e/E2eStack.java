package io.ovneip.e2e;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.ovneip.agent.Agent;
import io.ovneip.agent.AgentOptions;
import io.ovneip.controller.Controller;
import io.ovneip.controller.ControllerOptions;
import io.ovneip.kubeapi.EmbeddedKubeApi;
import io.ovneip.model.input.GatewaySettings;
import io.ovneip.testkit.dataplane.Dataplane;
import io.ovneip.testkit.dataplane.DataplaneOptions;
import io.ovneip.testkit.dataplane.PodNetns;
import io.ovneip.testkit.dataplane.PodSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything of the seed running for real: OVN (NB, SB, northd) with Kube-OVN's base topology, the
 * gateway node's dataplane (vswitchd + ovn-controller + namespaces), the controller and the node's
 * agent, on a Kubernetes API. Start-up order follows data flow: OVN, dataplane (its chassis must
 * exist before the controller looks for it; its NIC before the agent adds it), Kubernetes objects,
 * then the two programs.
 */
final class E2eStack implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(E2eStack.class);
  static final String NODE = "kube-ovn-worker";
  static final String CHASSIS = "chassis-kube-ovn-worker";
  static final Duration WAIT = Duration.ofSeconds(30);

  /** The seed's ConfigMap (centralized; the gateway node is the dataplane's node). */
  static final Map<String, String> SEED_CONFIG =
      Map.of(
          "enable-external-gw", "true",
          "type", "centralized",
          "external-gw-nodes", NODE,
          "external-gw-nic", "eth1",
          "external-gw-addr", "172.56.0.1/16",
          "nic-ip", "172.56.0.254/16",
          "nic-mac", "16:52:f3:13:6a:25");

  /** The external network's IPv6 half in the dual-stack tests: the outside host's address. */
  static final String OUTSIDE_DUAL = "172.56.0.1/16,fd00:172:56::1/64";

  /**
   * The seed's ConfigMap on a dual-stack external network: {@code v4,v6} pairs for {@code
   * external-gw-addr} and {@code nic-ip} (docs/behaviour.md §2.1).
   */
  static Map<String, String> dualStackConfig() {
    Map<String, String> c = new HashMap<>(SEED_CONFIG);
    c.put("external-gw-addr", OUTSIDE_DUAL);
    c.put("nic-ip", "172.56.0.254/16,fd00:172:56::254/64");
    return c;
  }

  final Ovn ovn;
  final Dataplane dataplane;
  final Kube kube;
  private final EmbeddedKubeApi api;
  private final KubernetesClient client;
  private Controller controller;
  private Agent agent;

  private E2eStack(
      Ovn ovn, Dataplane dataplane, EmbeddedKubeApi api, KubernetesClient client, Kube kube) {
    this.ovn = ovn;
    this.dataplane = dataplane;
    this.api = api;
    this.client = client;
    this.kube = kube;
  }

  /**
   * Starts everything with the ConfigMap {@code config}. The Kubernetes API is the project's
   * embedded one: fabric8's stock CRUD mock stalls ~10 s whenever a JSON Patch {@code test} op
   * fails, which is exactly what the controller's resourceVersion-guarded pod writes hit when a
   * test annotates a pod the controller is writing to.
   */
  static E2eStack start(Map<String, String> config) {
    return start(config, false);
  }

  /**
   * {@code dualStack}: the pod network (base topology) and the outside host get their IPv6 halves
   * too ({@link #OUTSIDE_DUAL}); pods are made with {@link #pod(PodSpec, Map)}.
   */
  static E2eStack start(Map<String, String> config, boolean dualStack) {
    long t0 = System.nanoTime();
    E2eStack stack = startWithoutPrograms(config, Optional.empty(), dualStack);
    try {
      stack.startController();
      stack.startAgent();
      stack.awaitGateway();
      LOG.info("e2e stack up in {} ms", (System.nanoTime() - t0) / 1_000_000);
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

  /**
   * OVN, the dataplane and the Kubernetes objects (node, ConfigMap {@code config}), but neither
   * program: for tests that set the scene first (e.g. another implementation's rows) and start the
   * programs later ({@link #startController}, {@link #startAgent}). {@code netnsPrefix} names the
   * dataplane's network namespaces instead of the default {@code ovneip}; {@code dualStack} as in
   * {@link #start(Map, boolean)}.
   */
  static E2eStack startWithoutPrograms(
      Map<String, String> config, Optional<String> netnsPrefix, boolean dualStack) {
    Ovn ovn = Ovn.start(dualStack);
    Dataplane dp;
    EmbeddedKubeApi api;
    try {
      DataplaneOptions options = DataplaneOptions.seed(ovn.sb.tcpRemote(), CHASSIS, NODE);
      DataplaneOptions chosen = dualStack ? options.withOutsideAddress(OUTSIDE_DUAL) : options;
      dp =
          netnsPrefix.isPresent()
              ? Dataplane.start(chosen, netnsPrefix.get())
              : Dataplane.start(chosen);
    } catch (RuntimeException e) {
      ovn.close();
      throw e;
    }
    try {
      api = EmbeddedKubeApi.start(0);
    } catch (IOException | RuntimeException e) {
      try {
        dp.close();
      } finally {
        ovn.close();
      }
      throw new IllegalStateException("cannot start the embedded Kubernetes API", e);
    }
    KubernetesClient client = new KubernetesClientBuilder().withConfig(api.clientConfig()).build();
    E2eStack stack = new E2eStack(ovn, dp, api, client, new Kube(client));
    try {
      stack.kube.node(NODE, CHASSIS);
      stack.kube.configMap(config);
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

  /** Starts the controller (once). */
  Controller startController() {
    if (controller == null) {
      controller = Controller.start(controllerOptions(ovn), client);
    }
    return controller;
  }

  /** Starts the node's agent (once). */
  void startAgent() {
    if (agent == null) {
      agent =
          Agent.start(
              AgentOptions.defaults(NODE)
                  .withOvsDb(dataplane.ovsDb())
                  .withBridgeDatapathType("netdev")
                  .withTimings(
                      Duration.ofMinutes(5), Duration.ofMillis(500), Duration.ofSeconds(2)),
              client);
    }
  }

  KubernetesClient client() {
    return client;
  }

  private static ControllerOptions controllerOptions(Ovn ovn) {
    return ControllerOptions.forRemotes(
        GatewaySettings.defaults(),
        ovn.nb.tcpRemote(),
        ovn.sb.tcpRemote(),
        new ControllerOptions.Election(false, "kube-system", "ovn-eip-controller", "e2e"));
  }

  /**
   * The gateway is usable once the agent has put the NIC into {@code br-external} and the chassis
   * has claimed the router's gateway port ({@code cr-ovn-cluster-external}).
   */
  void awaitGateway() {
    await("the agent creates br-external")
        .atMost(WAIT)
        .until(() -> dataplane.vsctl("list-br").contains("br-external"));
    await("the agent bridges eth1 into br-external")
        .atMost(WAIT)
        .until(
            () ->
                dataplane.vsctl("list-br").contains("br-external")
                    && dataplane.vsctl("list-ports", "br-external").contains("eth1"));
    await("the chassis claims cr-ovn-cluster-external")
        .atMost(WAIT)
        .until(
            () ->
                !ovn.sbctl(
                        "--bare",
                        "--columns=chassis",
                        "find",
                        "Port_Binding",
                        "logical_port=cr-ovn-cluster-external")
                    .isBlank());
    ovn.syncHv();
  }

  /**
   * A pod as Kube-OVN creates it: the logical switch port, the namespace plugged into br-int, then
   * the Pod object with the CNI's annotations plus {@code annotations}. Returns once ovn-controller
   * has installed the port.
   */
  PodNetns pod(String name, String ip, String mac, Map<String, String> annotations) {
    return pod(PodSpec.onDefaultSubnet(Kube.NS, name, mac, ip), annotations);
  }

  /**
   * Like {@link #pod(String, String, String, Map)} for any spec; a dual-stack pod's port lists both
   * addresses ({@code "MAC IPv4 IPv6"}) and its {@code ip_address} annotation joins them with a
   * comma, as Kube-OVN writes them.
   */
  PodNetns pod(PodSpec spec, Map<String, String> annotations) {
    String ips = spec.ipAddressAnnotation();
    ovn.addPodPort(spec.ovnPort(), spec.mac(), ips.replace(',', ' '));
    PodNetns pod = dataplane.addPod(spec);
    dataplane.awaitInstalled(pod, WAIT);
    kube.pod(spec.name(), NODE, ips, spec.mac(), new HashMap<>(annotations));
    return pod;
  }

  /**
   * Waits for ovn-eip's {@code ovn-eip.io/applied} to name what the pod asks for now (committed in
   * NB), then for the chassis to install it ({@code --wait=hv}). Not {@code routed}: that is never
   * removed (docs/behaviour.md §5), so it cannot tell a change apart.
   */
  void awaitApplied(String pod) {
    await(pod + " applied").atMost(WAIT).until(() -> kube.applied(pod));
    ovn.syncHv();
  }

  /** Deletes the Pod object and waits until none of its rows remain in the NB. */
  void deletePodObject(String pod) {
    kube.deletePod(pod);
    String owner = "pod/" + Kube.NS + "/" + pod;
    await(pod + "'s rows gone")
        .atMost(WAIT)
        .until(
            () ->
                ovn.ownedRows("NAT", owner) == 0
                    && ovn.ownedRows("Logical_Router_Policy", owner) == 0);
    ovn.syncHv();
  }

  /** The CNI's part of deleting a pod: namespace and logical switch port go. */
  void removePodNetwork(PodNetns pod) {
    dataplane.removePod(pod);
    ovn.removePodPort(pod.spec().ovnPort());
  }

  /** Deletes the pod everywhere (test clean-up); tolerates a pod already deleted. */
  void deletePod(PodNetns pod) {
    if (!kube.podGone(pod.spec().name())) {
      deletePodObject(pod.spec().name());
    }
    removePodNetwork(pod);
  }

  @Override
  public void close() {
    // Programs first (they would log reconnect noise otherwise), then the dataplane (before SB:
    // ovn-controller's exit talks to it), then OVN.
    try {
      if (agent != null) {
        agent.close();
      }
      if (controller != null) {
        controller.close();
      }
    } finally {
      try {
        dataplane.close();
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

package io.ovneip.sandbox.cni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.ovneip.kubeapi.EmbeddedKubeApi;
import io.ovneip.sandbox.exec.CommandRunner;
import io.ovneip.testkit.OvsdbExtension;
import io.ovneip.testkit.OvsdbServer;
import io.ovneip.testkit.Schema;
import io.ovneip.testkit.WithSchema;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The CNI stand-in against the embedded Kubernetes API and real NB and SB ovsdb-servers. */
@ExtendWith(OvsdbExtension.class)
class CniStandInIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static EmbeddedKubeApi api;
  private KubernetesClient client;
  private OvsdbServer nb;
  private OvsdbServer sb;
  private CniStandIn cni;
  private final List<SandboxNode> nodes = SandboxNode.kindCluster(3);

  @BeforeAll
  static void startApi() throws IOException {
    api = EmbeddedKubeApi.start(0);
  }

  @AfterAll
  static void stopApi() {
    api.close();
  }

  @BeforeEach
  void start(OvsdbServer nb, @WithSchema(Schema.SB) OvsdbServer sb) {
    // A fresh client and clean objects per test; the API server is shared to save start-ups.
    client = new KubernetesClientBuilder().withConfig(api.clientConfig()).build();
    client.pods().inAnyNamespace().delete();
    client.nodes().delete();
    this.nb = nb;
    this.sb = sb;
    cni = CniStandIn.start(client, ovn(), ClusterNetwork.defaults(), nodes);
  }

  @AfterEach
  void stop() {
    cni.close();
    client.close();
  }

  private CniOvn ovn() {
    return new NbctlCniOvn(
        nb.tcpRemote(),
        sb.tcpRemote(),
        CommandRunner.inheritingEnvironment(),
        Duration.ofSeconds(10));
  }

  @Test
  void writesTheBaseTopologyAndRegistersNodes() {
    String show = nbctl("show");
    assertThat(show)
        .contains("switch", "(ovn-default)", "port ovn-default-ovn-cluster", "type: router")
        .contains("router-port: ovn-cluster-ovn-default", "(ovn-cluster)")
        .contains("networks: [\"10.16.0.1/16\"]");
    assertThat(nbctl("lr-policy-list", "ovn-cluster"))
        .containsPattern("31000\\s+ip4.dst == 10.16.0.0/16\\s+allow");

    assertThat(client.nodes().list().getItems())
        .extracting(n -> n.getMetadata().getName())
        .containsExactly("kube-ovn-control-plane", "kube-ovn-worker", "kube-ovn-worker2");
    for (SandboxNode n : nodes) {
      Node node = client.nodes().withName(n.name()).get();
      assertThat(node.getMetadata().getAnnotations())
          .containsEntry("ovn.kubernetes.io/chassis", n.systemId());
      assertThat(sbctl("get", "Chassis", n.systemId(), "hostname")).contains(n.name());
    }
  }

  @Test
  void startingTwiceChangesNothing() {
    String before = nbctl("show") + sbctl("show");
    cni.close();
    cni = CniStandIn.start(client, ovn(), ClusterNetwork.defaults(), nodes);
    assertThat(nbctl("show") + sbctl("show")).isEqualTo(before);
    assertThat(nbctl("lr-policy-list", "ovn-cluster").lines().filter(l -> l.contains("31000")))
        .hasSize(1);
  }

  @Test
  void allocatesForEveryPodAndReleasesOnDelete() {
    create("default", "a", null);
    create("team", "b", null);
    Pod a = awaitAllocated("default", "a");
    Pod b = awaitAllocated("team", "b");

    Map<String, String> aa = a.getMetadata().getAnnotations();
    assertThat(aa)
        .containsEntry("ovn.kubernetes.io/allocated", "true")
        .containsEntry("ovn.kubernetes.io/logical_switch", "ovn-default")
        .containsKeys("ovn.kubernetes.io/ip_address", "ovn.kubernetes.io/mac_address");
    String ipA = aa.get("ovn.kubernetes.io/ip_address");
    String ipB = b.getMetadata().getAnnotations().get("ovn.kubernetes.io/ip_address");
    assertThat(List.of(ipA, ipB)).containsExactlyInAnyOrder("10.16.0.2", "10.16.0.3");
    assertThat(a.getSpec().getNodeName()).isIn(nodes.stream().map(SandboxNode::name).toList());
    assertThat(
            nbctl("get", "Logical_Switch_Port", "a.default", "addresses")
                .contains(aa.get("ovn.kubernetes.io/mac_address") + " " + ipA))
        .isTrue();
    assertThat(nbctl("show")).contains("port a.default", "port b.team");

    client.pods().inNamespace("default").withName("a").delete();
    await()
        .atMost(WAIT)
        .until(
            () ->
                !nbctl("--bare", "--columns=name", "list", "Logical_Switch_Port")
                    .contains("a.default"));
    // The released address is the lowest free one again: the next pod gets it.
    create("default", "c", null);
    Pod c = awaitAllocated("default", "c");
    assertThat(c.getMetadata().getAnnotations()).containsEntry("ovn.kubernetes.io/ip_address", ipA);
  }

  @Test
  void keepsUserAnnotationsAndAGivenNode() {
    create("default", "eip", "kube-ovn-worker2");
    Pod p = awaitAllocated("default", "eip");
    assertThat(p.getSpec().getNodeName()).isEqualTo("kube-ovn-worker2");
    assertThat(p.getMetadata().getAnnotations())
        .containsEntry("ovn.kubernetes.io/eip", "172.56.0.233");
  }

  @Test
  void aRestartKeepsAddressesAndReleasesPortsOfPodsDeletedMeanwhile() {
    create("default", "x", null);
    create("default", "y", null);
    String ipX =
        awaitAllocated("default", "x")
            .getMetadata()
            .getAnnotations()
            .get("ovn.kubernetes.io/ip_address");
    awaitAllocated("default", "y");
    cni.close();
    client.pods().inNamespace("default").withName("y").delete();

    cni = CniStandIn.start(client, ovn(), ClusterNetwork.defaults(), nodes);
    await()
        .atMost(WAIT)
        .until(
            () ->
                !nbctl("--bare", "--columns=name", "list", "Logical_Switch_Port")
                    .contains("y.default"));
    assertThat(cni.addressOf("default/x")).contains(ipX);
    assertThat(nbctl("show")).contains("port x.default");
  }

  @Test
  void hostNetworkPodsGetNothing() {
    client
        .pods()
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("host")
                .withNamespace("default")
                .endMetadata()
                .withNewSpec()
                .withHostNetwork(true)
                .addNewContainer()
                .withName("c")
                .withImage("busybox")
                .endContainer()
                .endSpec()
                .build())
        .create();
    create("default", "after", null);
    awaitAllocated("default", "after"); // processed in order: the host pod was seen before
    assertThat(
            client
                .pods()
                .inNamespace("default")
                .withName("host")
                .get()
                .getMetadata()
                .getAnnotations())
        .isNullOrEmpty();
    assertThat(nbctl("show")).doesNotContain("host.default");
  }

  private void create(String ns, String name, String node) {
    client
        .pods()
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(ns)
                .addToAnnotations("ovn.kubernetes.io/eip", "172.56.0.233")
                .endMetadata()
                .withNewSpec()
                .withNodeName(node)
                .addNewContainer()
                .withName(name)
                .withImage("docker.io/library/nginx:alpine")
                .endContainer()
                .endSpec()
                .build())
        // The client retries a POST whose answer it did not get; the retry then finds the pod the
        // first one created (409, seen once on a loaded machine): the pod exists either way.
        .createOr(c -> c.update());
  }

  private Pod awaitAllocated(String ns, String name) {
    return await()
        .atMost(WAIT)
        .until(
            () -> client.pods().inNamespace(ns).withName(name).get(),
            p ->
                p != null
                    && p.getMetadata().getAnnotations() != null
                    && "true"
                        .equals(p.getMetadata().getAnnotations().get("ovn.kubernetes.io/allocated"))
                    && p.getSpec().getNodeName() != null);
  }

  private String nbctl(String... args) {
    return ctl("ovn-nbctl", nb.tcpRemote(), args);
  }

  private String sbctl(String... args) {
    return ctl("ovn-sbctl", sb.tcpRemote(), args);
  }

  private static String ctl(String tool, String db, String... args) {
    List<String> cmd = new java.util.ArrayList<>(List.of(tool, "--db=" + db, "--timeout=10"));
    cmd.addAll(List.of(args));
    return CommandRunner.inheritingEnvironment().run(Duration.ofSeconds(15), cmd).orThrow();
  }
}

package io.ovneip.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.ovneip.model.ovs.NicFacts;
import io.ovneip.model.ovs.OvsPlan;
import io.ovneip.testkit.OvsdbServer;
import io.ovneip.testkit.Schema;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent against a real Open_vSwitch ovsdb-server (no vswitchd: rows only) and fabric8's CRUD
 * mock API server. Every assertion on OVS goes through the real {@code ovs-vsctl}.
 */
@EnableKubernetesMockClient(crud = true)
class AgentIT {
  static final String NODE = "kube-ovn-worker";
  static final String LABEL = "ovn-eip.io/gateway";
  static final Duration WAIT = Duration.ofSeconds(15);

  KubernetesClient client;
  OvsdbServer ovs;
  Vsctl vsctl;
  final Set<String> hostNics = ConcurrentHashMap.newKeySet();
  final List<Agent> agents = new ArrayList<>();

  @BeforeEach
  void setUp() {
    ovs = OvsdbServer.builder(Schema.OPEN_VSWITCH).name("conf").start();
    vsctl = Vsctl.noWait(ovs.dir(), ovs.unixRemote());
    // A node as the CNI leaves it: br-int with a pod port, another network already mapped.
    vsctl.run("init");
    vsctl.run(
        "set",
        "Open_vSwitch",
        ".",
        "external_ids:system-id=node-1",
        "external_ids:ovn-bridge-mappings=\"physnet:br-phys\"");
    vsctl.run("add-br", "br-int", "--", "add-port", "br-int", "pod1_h");
    hostNics.add("eth1");
  }

  @AfterEach
  void tearDown() {
    agents.forEach(Agent::close);
    if (ovs != null) {
      ovs.close();
    }
  }

  @Test
  void gatewayNodeGetsBridgeNicAndMapping() {
    node("true");
    configMap(Map.of("enable-external-gw", "true", "external-gw-nic", "eth1"));
    startAgent();

    awaitGatewayBridge();
    assertThat(vsctl.run("get", "Interface", "br-external", "type")).isEqualTo("internal");
    assertThat(vsctl.run("get", "Interface", "eth1", "type")).isEqualTo("\"\"");
    assertThat(vsctl.run("get", "Bridge", "br-external", "external_ids"))
        .contains("ovn-eip-owner=agent")
        .contains("vendor=ovn-eip");
    assertThat(vsctl.mappings()).isEqualTo("physnet:br-phys,external:br-external");
    assertBrIntUntouched();
    await().atMost(WAIT).until(() -> !events("GatewayBridgeApplied").isEmpty());
  }

  @Test
  void labelFalseRemovesOnlyOurBridgeAndMapping() {
    node("true");
    configMap(Map.of("enable-external-gw", "true", "external-gw-nic", "eth1"));
    startAgent();
    awaitGatewayBridge();

    node("false");
    await().atMost(WAIT).untilAsserted(() -> assertThat(vsctl.bridges()).containsExactly("br-int"));
    assertThat(vsctl.mappings()).isEqualTo("physnet:br-phys");
    assertThat(vsctl.run("get", "Open_vSwitch", ".", "external_ids:system-id")).isEqualTo("node-1");
    assertBrIntUntouched();
  }

  @Test
  void configMapDeletedRemovesTheBridge() {
    node("true");
    configMap(Map.of("enable-external-gw", "true", "external-gw-nic", "eth1"));
    startAgent();
    awaitGatewayBridge();

    client.configMaps().inNamespace("kube-system").withName(KubeView.CONFIG_MAP).delete();
    await().atMost(WAIT).untilAsserted(() -> assertThat(vsctl.bridges()).containsExactly("br-int"));
    assertThat(vsctl.mappings()).isEqualTo("physnet:br-phys");
  }

  @Test
  void handEditsAreRepaired() {
    node("true");
    configMap(Map.of("enable-external-gw", "true", "external-gw-nic", "eth1"));
    startAgent();
    awaitGatewayBridge();

    vsctl.run("del-port", "br-external", "eth1");
    awaitGatewayBridge();

    vsctl.run("remove", "Open_vSwitch", ".", "external_ids", "ovn-bridge-mappings");
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(vsctl.mappings()).isEqualTo("external:br-external"));

    vsctl.run("del-br", "br-external");
    awaitGatewayBridge();
    assertBrIntUntouched();
  }

  @Test
  void nicInAnotherBridgeIsRefusedAndThatBridgeKept() {
    vsctl.run("add-br", "br-phys", "--", "add-port", "br-phys", "eth1");
    node("true");
    configMap(Map.of("enable-external-gw", "true", "external-gw-nic", "eth1"));
    Agent agent = startAgent();

    await().atMost(WAIT).until(() -> !events("NicInOtherBridge").isEmpty());
    assertThat(events("NicInOtherBridge").get(0).getMessage()).contains("eth1").contains("br-phys");
    assertThat(events("NicInOtherBridge").get(0).getInvolvedObject().getKind()).isEqualTo("Node");
    assertThat(agent.status().lastOutcome()).contains(OvsPlan.Outcome.REFUSED);
    assertThat(vsctl.bridges()).containsExactly("br-int", "br-phys");
    assertThat(vsctl.ports("br-phys")).containsExactly("eth1");
    assertThat(vsctl.mappings()).isEqualTo("physnet:br-phys");
  }

  @Test
  void nicAbsentIsReportedThenAttachedWhenItAppears() {
    hostNics.clear();
    node("true");
    configMap(Map.of("enable-external-gw", "true", "external-gw-nic", "eth1"));
    startAgent();

    await().atMost(WAIT).until(() -> !events("NicNotFound").isEmpty());
    await().atMost(WAIT).untilAsserted(() -> assertThat(vsctl.bridges()).contains("br-external"));
    assertThat(vsctl.ports("br-external")).isEmpty();

    hostNics.add("eth1"); // no Kubernetes or OVS change: only the NIC retry notices
    awaitGatewayBridge();
  }

  @Test
  void invalidConfigMapHoldsTheLastState() {
    node("true");
    configMap(Map.of("enable-external-gw", "true", "external-gw-nic", "eth1"));
    Agent agent = startAgent();
    awaitGatewayBridge();

    configMap(Map.of("enable-external-gw", "maybe", "external-gw-nic", "eth1"));
    await().atMost(WAIT).until(() -> !events("GatewayConfigHeld").isEmpty());
    assertThat(agent.status().lastOutcome()).contains(OvsPlan.Outcome.HELD);
    assertThat(vsctl.ports("br-external")).containsExactly("eth1");
  }

  @Test
  void restartWithNothingChangedWritesNothing() {
    node("true");
    configMap(Map.of("enable-external-gw", "true", "external-gw-nic", "eth1"));
    Agent first = startAgent();
    awaitGatewayBridge();
    await()
        .atMost(WAIT)
        .until(
            () ->
                first
                    .status()
                    .lastOutcome()
                    .equals(java.util.Optional.of(OvsPlan.Outcome.CONVERGED)));
    first.close();
    agents.remove(first);
    String before = ovs.ovsdbClient("dump");

    Agent second = startAgent();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(second.status().reconciles()).isPositive();
              assertThat(second.status().lastOutcome()).contains(OvsPlan.Outcome.CONVERGED);
            });
    assertThat(second.status().transactions()).isZero();
    assertThat(ovs.ovsdbClient("dump")).isEqualTo(before);
  }

  @Test
  void notAGatewayWritesNothing() {
    node(null);
    configMap(Map.of("enable-external-gw", "true", "external-gw-nic", "eth1"));
    String before = ovs.ovsdbClient("dump");
    Agent agent = startAgent();
    await().atMost(WAIT).until(() -> agent.status().reconciles() > 0);
    assertThat(agent.status().transactions()).isZero();
    assertThat(ovs.ovsdbClient("dump")).isEqualTo(before);
  }

  @Test
  void waitsForOvsdbAndFollowsItsRestarts() {
    node("true");
    configMap(Map.of("enable-external-gw", "true", "external-gw-nic", "eth1"));
    ovs.stop(); // the agent starts first, as a DaemonSet pod may
    startAgent();
    ovs.restart();
    awaitGatewayBridge();

    ovs.restart(); // the client reconnects and monitors again: hand edits still come back
    vsctl.run("del-port", "br-external", "eth1");
    awaitGatewayBridge();
  }

  @Test
  void labelFlippingBackWithinTheDebounceKeepsTheBridge() throws Exception {
    node("true");
    configMap(Map.of("enable-external-gw", "true", "external-gw-nic", "eth1"));
    startAgent(Duration.ofSeconds(4), nic -> NicFacts.bare());
    awaitGatewayBridge();
    String uuid = vsctl.run("get", "Bridge", "br-external", "_uuid");

    node("false"); // a hand edit, reverted a moment later
    long until = System.nanoTime() + Duration.ofMillis(2000).toNanos();
    while (System.nanoTime() < until) {
      assertThat(vsctl.ports("br-external")).containsExactly("eth1");
      Thread.sleep(100);
    }
    node("true");
    Thread.sleep(4000); // past the moment the removal would have happened
    assertThat(vsctl.run("get", "Bridge", "br-external", "_uuid")).isEqualTo(uuid);
    assertThat(vsctl.ports("br-external")).containsExactly("eth1");
    assertThat(vsctl.mappings()).isEqualTo("physnet:br-phys,external:br-external");
  }

  @Test
  void mappingKeyOfAnotherBridgeIsNotOverwritten() {
    vsctl.run("set", "Open_vSwitch", ".", "external_ids:ovn-bridge-mappings=\"external:br-other\"");
    node("true");
    configMap(Map.of("enable-external-gw", "true", "external-gw-nic", "eth1"));
    Agent agent = startAgent();

    await().atMost(WAIT).until(() -> !events("BridgeMappingTaken").isEmpty());
    assertThat(events("BridgeMappingTaken").get(0).getMessage()).contains("br-other");
    assertThat(agent.status().lastOutcome()).contains(OvsPlan.Outcome.REFUSED);
    assertThat(vsctl.mappings()).isEqualTo("external:br-other");
    assertThat(vsctl.bridges()).containsExactly("br-int");
  }

  @Test
  void removalKeepsTheBridgeWhenSomeoneElseAddedAPort() {
    node("true");
    configMap(Map.of("enable-external-gw", "true", "external-gw-nic", "eth1"));
    startAgent();
    awaitGatewayBridge();
    vsctl.run("add-port", "br-external", "vnet9");

    node("false");
    await().atMost(WAIT).until(() -> !events("ForeignPortsKept").isEmpty());
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(vsctl.ports("br-external")).containsExactly("vnet9"));
    assertThat(events("ForeignPortsKept").get(0).getMessage()).contains("vnet9");
    assertThat(vsctl.run("--bare", "--columns=name", "list", "Port").split("\\s+"))
        .containsExactlyInAnyOrder("br-int", "pod1_h", "vnet9");
    assertThat(vsctl.mappings()).isEqualTo("physnet:br-phys");
    assertBrIntUntouched();
  }

  // --- helpers ---------------------------------------------------------------------------------

  Agent startAgent() {
    return startAgent(
        Duration.ofSeconds(1), nic -> hostNics.contains(nic) ? NicFacts.bare() : NicFacts.absent());
  }

  Agent startAgent(Duration removalDelay, NicProbe nics) {
    AgentOptions options =
        AgentOptions.defaults(NODE)
            .withOvsDb(ovs.unixRemote())
            // A long resync: repairs must come from the OVS monitor and the informers.
            .withTimings(Duration.ofMinutes(10), Duration.ofMillis(300), Duration.ofSeconds(2))
            .withRemovalDelay(removalDelay);
    Agent agent = Agent.start(options, client, ReplicaOvsLink::connect, nics, Clock.systemUTC());
    agents.add(agent);
    return agent;
  }

  void node(String label) {
    NodeBuilder b = new NodeBuilder().withNewMetadata().withName(NODE).endMetadata();
    if (label != null) {
      b.editMetadata().addToLabels(LABEL, label).endMetadata();
    }
    client.nodes().resource(b.build()).createOr(r -> r.update());
  }

  void configMap(Map<String, String> data) {
    client
        .configMaps()
        .inNamespace("kube-system")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(KubeView.CONFIG_MAP)
                .withNamespace("kube-system")
                .endMetadata()
                .withData(data)
                .build())
        .createOr(r -> r.update());
  }

  List<Event> events(String reason) {
    return client.v1().events().inNamespace("default").list().getItems().stream()
        .filter(e -> reason.equals(e.getReason()))
        .filter(e -> NODE.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  void awaitGatewayBridge() {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(vsctl.bridges()).contains("br-external");
              assertThat(vsctl.ports("br-external")).containsExactly("eth1");
              assertThat(vsctl.run("get", "Interface", "br-external", "type"))
                  .isEqualTo("internal");
              assertThat(vsctl.mappings()).contains("external:br-external");
            });
  }

  void assertBrIntUntouched() {
    assertThat(vsctl.bridges()).contains("br-int");
    assertThat(vsctl.ports("br-int")).containsExactly("pod1_h");
  }
}

package io.ovneip.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.ovneip.model.input.Annotations;
import io.ovneip.model.ovs.OvsPlan;
import io.ovneip.testkit.OvsdbServer;
import io.ovneip.testkit.Schema;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent never bridges a NIC that carries the node's own traffic. The NICs are veth links in a
 * network namespace the test creates (never the host's), seen through the production probe ({@code
 * ip -j}, pointed at that namespace); OVS is a real ovsdb-server, checked with the real ovs-vsctl.
 */
@EnableKubernetesMockClient(crud = true)
class AgentNicSafetyIT {
  static final String NODE = "kube-ovn-worker";
  static final Duration WAIT = Duration.ofSeconds(15);

  KubernetesClient client;
  OvsdbServer ovs;
  Vsctl vsctl;
  Netns netns;
  Agent agent;

  @BeforeEach
  void setUp() {
    ovs = OvsdbServer.builder(Schema.OPEN_VSWITCH).name("conf").start();
    vsctl = Vsctl.noWait(ovs.dir(), ovs.unixRemote());
    vsctl.run("init");
    vsctl.run("set", "Open_vSwitch", ".", "external_ids:ovn-bridge-mappings=\"physnet:br-phys\"");
    netns = Netns.create();
    // eth0: the node's uplink, default route through it; eth2 holds the InternalIP only;
    // eth3 a global IPv6 address; gw0 a dedicated gateway NIC (link-local only).
    netns.link("eth0", "10.99.0.2/24");
    netns.ip("route", "add", "default", "via", "10.99.0.1", "dev", "eth0");
    netns.link("eth2", "172.18.0.3/32");
    netns.link("eth3", "2001:db8:7::3/64");
    netns.link("gw0", "169.254.9.9/16");
    client
        .nodes()
        .resource(
            new NodeBuilder()
                .withNewMetadata()
                .withName(NODE)
                .addToLabels(Annotations.GATEWAY_LABEL, "true")
                .endMetadata()
                .withNewStatus()
                .addNewAddress()
                .withType("InternalIP")
                .withAddress("172.18.0.3")
                .endAddress()
                .endStatus()
                .build())
        .create();
  }

  @AfterEach
  void tearDown() {
    try {
      if (agent != null) {
        agent.close();
      }
      ovs.close();
    } finally {
      netns.close();
    }
  }

  @Test
  void nicsCarryingTheNodesTrafficAreRefusedThenAGatewayNicIsBridged() {
    String before = ovs.ovsdbClient("dump");
    configMap("eth0");
    startAgent();
    Event e = awaitEvent("eth0");
    assertThat(e.getMessage()).contains("default route");
    assertThat(e.getType()).isEqualTo("Warning");
    assertThat(agent.status().lastOutcome()).contains(OvsPlan.Outcome.REFUSED);
    assertThat(ovs.ovsdbClient("dump")).as("nothing written").isEqualTo(before);

    configMap("eth2");
    assertThat(awaitEvent("eth2").getMessage()).contains("InternalIP 172.18.0.3");
    configMap("eth3");
    assertThat(awaitEvent("eth3").getMessage()).contains("global unicast address 2001:db8:7::3");
    assertThat(ovs.ovsdbClient("dump")).as("still nothing written").isEqualTo(before);

    configMap("gw0");
    await()
        .atMost(WAIT)
        .ignoreExceptions() // list-ports fails until the bridge exists
        .untilAsserted(() -> assertThat(vsctl.ports("br-external")).containsExactly("gw0"));
    assertThat(vsctl.mappings()).isEqualTo("physnet:br-phys,external:br-external");
  }

  @Test
  void aNicThatIsNotThereIsReportedAsAbsentNotUnsafe() {
    configMap("eth9");
    startAgent();
    await()
        .atMost(WAIT)
        .until(() -> events("NicNotFound").stream().anyMatch(e -> e.getMessage().contains("eth9")));
    assertThat(events("NicCarriesNodeTraffic")).isEmpty();
  }

  private void startAgent() {
    AgentOptions options =
        AgentOptions.defaults(NODE)
            .withOvsDb(ovs.unixRemote())
            .withTimings(Duration.ofMinutes(10), Duration.ofMillis(300), Duration.ofSeconds(2));
    agent = Agent.start(options, client, ReplicaOvsLink::connect, netns.probe(), Clock.systemUTC());
  }

  private Event awaitEvent(String nic) {
    await()
        .atMost(WAIT)
        .until(
            () ->
                events("NicCarriesNodeTraffic").stream()
                    .anyMatch(e -> e.getMessage().contains("NIC " + nic + " ")));
    return events("NicCarriesNodeTraffic").stream()
        .filter(e -> e.getMessage().contains("NIC " + nic + " "))
        .findFirst()
        .orElseThrow();
  }

  private void configMap(String nic) {
    client
        .configMaps()
        .inNamespace("kube-system")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(KubeView.CONFIG_MAP)
                .withNamespace("kube-system")
                .endMetadata()
                .withData(Map.of("enable-external-gw", "true", "external-gw-nic", nic))
                .build())
        .createOr(r -> r.update());
  }

  private List<Event> events(String reason) {
    return client.v1().events().inNamespace("default").list().getItems().stream()
        .filter(e -> reason.equals(e.getReason()))
        .toList();
  }
}

package io.ovneip.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.ovneip.testkit.Exec;
import io.ovneip.testkit.OvsdbServer;
import io.ovneip.testkit.Schema;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The port really appears: the agent against a real ovsdb-server and a real {@code ovs-vswitchd}
 * (userspace datapath), with a veth end as the gateway NIC. Names avoid {@code br-external} because
 * netdev bridges make machine-wide tap devices (lab notes, pitfall 8): a sandbox may run.
 */
@EnableKubernetesMockClient(crud = true)
class AgentVswitchdIT {
  static final String NODE = "gw-node";
  static final String NET = "eipit";
  static final String BRIDGE = "br-" + NET;
  static final String NIC = "eipit0";
  static final String PEER = "eipit0p";

  KubernetesClient client;
  OvsdbServer ovs;
  Vswitchd vswitchd;
  Vsctl vsctl;
  Agent agent;

  @BeforeEach
  void setUp() throws Exception {
    ip(false, "link", "del", NIC); // a leftover of an interrupted run, if any
    ovs = OvsdbServer.builder(Schema.OPEN_VSWITCH).name("conf").start();
    vsctl = Vsctl.noWait(ovs.dir(), ovs.unixRemote());
    vsctl.run("init");
    // What the sandbox sets for ovn-controller; the agent follows it for its bridge.
    vsctl.run("set", "Open_vSwitch", ".", "external_ids:ovn-bridge-datapath-type=netdev");
    vswitchd = Vswitchd.start(ovs.dir(), ovs.unixRemote());
    ip(true, "link", "add", NIC, "type", "veth", "peer", "name", PEER);
    ip(true, "link", "set", NIC, "up");
    ip(true, "link", "set", PEER, "up");
  }

  @AfterEach
  void tearDown() {
    if (agent != null) {
      agent.close();
    }
    try {
      if (vsctl != null) {
        vsctl.run("--if-exists", "del-br", BRIDGE);
      }
    } finally {
      if (vswitchd != null) {
        vswitchd.close();
      }
      if (ovs != null) {
        ovs.close();
      }
      ip(false, "link", "del", NIC);
    }
  }

  @Test
  void nicBecomesAPortWithAnOfport() throws Exception {
    client
        .nodes()
        .resource(
            new NodeBuilder()
                .withNewMetadata()
                .withName(NODE)
                .addToLabels("ovn-eip.io/gateway", "true")
                .endMetadata()
                .build())
        .create();
    client
        .configMaps()
        .inNamespace("kube-system")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(KubeView.CONFIG_MAP)
                .endMetadata()
                .withData(Map.of("enable-external-gw", "true", "external-gw-nic", NIC))
                .build())
        .create();

    AgentOptions options =
        AgentOptions.defaults(NODE)
            .withOvsDb(ovs.unixRemote())
            .withExternalNet(NET)
            .withTimings(Duration.ofMinutes(10), Duration.ofMillis(300), Duration.ofSeconds(2));
    agent =
        Agent.start(options, client, ReplicaOvsLink::connect, NicProbe.host(), Clock.systemUTC());

    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions() // the row is not there until the agent's first pass
        .untilAsserted(
            () -> {
              String ofport = vsctl.run("get", "Interface", NIC, "ofport");
              assertThat(Long.parseLong(ofport)).isPositive();
            });
    String show = vsctl.run("show");
    assertThat(show)
        .contains("Bridge " + BRIDGE)
        .contains("datapath_type: netdev")
        .contains("Port " + BRIDGE)
        .contains("Interface " + BRIDGE)
        .contains("type: internal")
        .contains("Port " + NIC)
        .contains("Interface " + NIC)
        .doesNotContain("error:");
    assertThat(vsctl.mappings()).isEqualTo(NET + ":" + BRIDGE);
    assertThat(vswitchd.log()).contains("added interface " + NIC);
    System.out.println("ovs-vsctl show:\n" + show);
  }

  private static void ip(boolean check, String... args) {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "ip";
    System.arraycopy(args, 0, cmd, 1, args.length);
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    if (check) {
      Exec.check(tmp, Duration.ofSeconds(10), cmd);
    } else {
      Exec.run(tmp, Duration.ofSeconds(10), List.of(cmd));
    }
  }
}

package io.ovneip.sandbox.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ovneip.kubeapi.EmbeddedKubeApi;
import io.ovneip.sandbox.exec.CommandRunner;
import io.ovneip.testkit.OvsdbExtension;
import io.ovneip.testkit.OvsdbServer;
import io.ovneip.testkit.Schema;
import io.ovneip.testkit.WithSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * kube-ovn-cni's gateway step against a real Open_vSwitch database holding the bridge ovn-eip's
 * agent made: with the recipe's flags it changes nothing; without them it deletes the bridge
 * (docs/behaviour.md §8: why both flags and our own label are needed).
 */
@ExtendWith(OvsdbExtension.class)
class KubeOvnCniGatewayIT {
  private static final String NODE = "kube-ovn-worker";

  private EmbeddedKubeApi api;
  private KubernetesClient client;
  private FaultTarget target;

  @BeforeEach
  void start(@WithSchema(Schema.OPEN_VSWITCH) OvsdbServer ovs, @TempDir Path dir) throws Exception {
    api = EmbeddedKubeApi.start(0);
    client = api.client();
    Path kubeconfig = dir.resolve("kubeconfig");
    api.writeKubeconfig(kubeconfig);
    target =
        new FaultTarget(
            "unused",
            kubeconfig,
            Map.of(NODE, ovs.tcpRemote()),
            CommandRunner.inheritingEnvironment());
    client
        .configMaps()
        .inNamespace("kube-system")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("ovn-external-gw-config")
                .withNamespace("kube-system")
                .endMetadata()
                .withData(Map.of("enable-external-gw", "true", "external-gw-nic", "eth1"))
                .build())
        .create();
    // What ovn-eip's agent leaves on a gateway node.
    target.vsctl(NODE, "init");
    target.vsctl(
        NODE,
        "add-br",
        "br-external",
        "--",
        "add-port",
        "br-external",
        "eth1",
        "--",
        "set",
        "Open_vSwitch",
        ".",
        "external_ids:ovn-bridge-mappings=\"external:br-external\"");
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void withTheRecipeOnAGatewayNodeOfOursNothingChanges() {
    node(Map.of("ovn-eip.io/gateway", "true"));
    String before = state();
    List<String> did = new KubeOvnCniGateway().inject(target, List.of(NODE));
    assertThat(did).singleElement().asString().contains("nothing to do");
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void withTheRecipeALeftoverKubeOvnLabelOnlyLogs() {
    node(Map.of("ovn-eip.io/gateway", "true", "ovn.kubernetes.io/external-gw", "true"));
    String before = state();
    List<String> did = new KubeOvnCniGateway().inject(target, List.of(NODE));
    assertThat(did).singleElement().asString().contains("no OVS change");
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void withoutTheSwitchFlagANodeWithoutKubeOvnsLabelLosesTheBridge() {
    node(Map.of("ovn-eip.io/gateway", "true"));
    new KubeOvnCniGateway()
        .inject(target, List.of(NODE, "--config-ns", "kube-system", "--switch", "external"));
    assertThat(target.vsctl(NODE, "list-br")).doesNotContain("br-external");
  }

  @Test
  void withoutTheConfigNamespaceFlagAKubeOvnLabelStealsTheNic() {
    node(Map.of("ovn.kubernetes.io/external-gw", "true"));
    new KubeOvnCniGateway().inject(target, List.of(NODE, "--config-ns", "kube-system"));
    assertThat(target.vsctl(NODE, "list-br"))
        .doesNotContain("br-external")
        .contains("br-ovn-eip-unused");
    assertThat(target.vsctl(NODE, "port-to-br", "eth1").strip()).isEqualTo("br-ovn-eip-unused");
  }

  private String state() {
    return target.vsctl(NODE, "list-br")
        + target.vsctl(NODE, "list-ports", "br-external")
        + target.vsctl(NODE, "get", "Open_vSwitch", ".", "external_ids:ovn-bridge-mappings");
  }

  private void node(Map<String, String> labels) {
    client
        .nodes()
        .resource(
            new NodeBuilder()
                .withNewMetadata()
                .withName(NODE)
                .addToLabels(labels)
                .endMetadata()
                .build())
        .create();
  }
}

package io.ovneip.controller.it;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ovneip.controller.Controller;
import io.ovneip.controller.ControllerOptions;
import io.ovneip.model.input.GatewaySettings;
import io.ovneip.testkit.KubeOvnBaseTopology;
import java.util.List;
import java.util.Map;

/** Kubernetes objects as the seed and Kube-OVN write them, and a controller to run on them. */
final class ControllerHarness {
  static final Map<String, String> SEED_CONFIG =
      Map.of(
          "enable-external-gw", "true",
          "external-gw-nodes", "kube-ovn-worker",
          "external-gw-nic", "eth1",
          "external-gw-addr", "172.56.0.1/16",
          "nic-ip", "172.56.0.254/16",
          "nic-mac", "16:52:f3:13:6a:25");

  private ControllerHarness() {}

  static ControllerOptions options(
      OvnFixture ovn, GatewaySettings settings, boolean election, String identity) {
    return ControllerOptions.forRemotes(
        settings,
        ovn.nb.tcpRemote(),
        ovn.sb.tcpRemote(),
        new ControllerOptions.Election(election, "kube-system", "ovn-eip-controller", identity));
  }

  static Controller start(OvnFixture ovn, KubernetesClient client) {
    return Controller.start(options(ovn, GatewaySettings.defaults(), false, "test"), client);
  }

  static void node(KubernetesClient client, String name, String chassisAnnotation) {
    var b = new NodeBuilder().withNewMetadata().withName(name);
    if (chassisAnnotation != null) {
      b.addToAnnotations("ovn.kubernetes.io/chassis", chassisAnnotation);
    }
    client.nodes().resource(b.endMetadata().build()).create();
  }

  static void configMap(KubernetesClient client, Map<String, String> data) {
    var cm =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("ovn-external-gw-config")
            .withNamespace("kube-system")
            .endMetadata()
            .withData(data)
            .build();
    client.configMaps().inNamespace("kube-system").resource(cm).createOr(c -> c.update());
  }

  /**
   * A pod as the CNI leaves it: its Logical_Switch_Port in NB (the proof of its IP,
   * docs/behaviour.md §2.3), then the pod scheduled, allocated, with IP and MAC annotations.
   */
  static Pod pod(
      OvnFixture ovn,
      KubernetesClient client,
      String name,
      String ip,
      String mac,
      Map<String, String> extra) {
    ovn.nbctl(KubeOvnBaseTopology.podPortArgs("default", name, mac, ip).toArray(String[]::new));
    return podWithoutPort(client, name, ip, mac, extra);
  }

  /** The pod object alone, as {@link #pod} makes it, with no port in NB. */
  static Pod podWithoutPort(
      KubernetesClient client, String name, String ip, String mac, Map<String, String> extra) {
    var pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace("default")
            .addToAnnotations("ovn.kubernetes.io/allocated", "true")
            .addToAnnotations("ovn.kubernetes.io/ip_address", ip)
            .addToAnnotations("ovn.kubernetes.io/mac_address", mac)
            .addToAnnotations("ovn.kubernetes.io/logical_switch", "ovn-default")
            .addToAnnotations(extra)
            .endMetadata()
            .withNewSpec()
            .withNodeName("kube-ovn-worker")
            .addNewContainer()
            .withName("c")
            .withImage("nginx")
            .endContainer()
            .endSpec()
            .build();
    return client.pods().inNamespace("default").resource(pod).create();
  }

  static List<Event> events(
      KubernetesClient client, String namespace, String objectName, String reason) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> objectName.equals(e.getInvolvedObject().getName()))
        .filter(e -> reason.equals(e.getReason()))
        .toList();
  }
}

package io.ovneip.sandbox.cni;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;

/**
 * Registers nodes as kubelet and Kube-OVN would: a Node object (Ready, with the usual labels) and
 * the annotation {@code ovn.kubernetes.io/chassis=<system-id>} that Kube-OVN's daemon writes once
 * ovn-controller has registered the node's chassis in the Southbound DB.
 */
public final class NodeRegistrar {
  static final String CHASSIS_ANNOTATION = "ovn.kubernetes.io/chassis";

  private final KubernetesClient client;
  private final CniOvn ovn;

  public NodeRegistrar(KubernetesClient client, CniOvn ovn) {
    this.client = client;
    this.ovn = ovn;
  }

  /** Registers every node; idempotent (an existing Node only gets its annotation corrected). */
  public void register(List<SandboxNode> nodes) {
    for (SandboxNode n : nodes) {
      ovn.ensureChassis(n.systemId(), n.name(), n.encapIp());
      Node existing = client.nodes().withName(n.name()).get();
      if (existing == null) {
        client.nodes().resource(node(n, nodes.indexOf(n) == 0)).create();
      } else if (!n.systemId().equals(annotation(existing))) {
        // JSON Patch, not merge patch: the mock's merge patch is not RFC 7386 (trap 1).
        String patch =
            client
                .getKubernetesSerialization()
                .asJson(
                    existing.getMetadata().getAnnotations() == null
                        ? List.of(
                            Map.of(
                                "op",
                                "add",
                                "path",
                                "/metadata/annotations",
                                "value",
                                Map.of(CHASSIS_ANNOTATION, n.systemId())))
                        : List.of(
                            Map.of(
                                "op",
                                "add",
                                "path",
                                "/metadata/annotations/" + JsonPointer.escape(CHASSIS_ANNOTATION),
                                "value",
                                n.systemId())));
        client.nodes().withName(n.name()).patch(PatchContext.of(PatchType.JSON), patch);
      }
    }
  }

  private static String annotation(Node node) {
    Map<String, String> a = node.getMetadata().getAnnotations();
    return a == null ? null : a.get(CHASSIS_ANNOTATION);
  }

  private static Node node(SandboxNode n, boolean controlPlane) {
    NodeBuilder b =
        new NodeBuilder()
            .withNewMetadata()
            .withName(n.name())
            .addToLabels("kubernetes.io/hostname", n.name())
            .addToLabels("kubernetes.io/os", "linux")
            .addToLabels("kubernetes.io/arch", "amd64")
            .addToAnnotations(CHASSIS_ANNOTATION, n.systemId())
            .endMetadata()
            .withNewStatus()
            .addNewCondition()
            .withType("Ready")
            .withStatus("True")
            .withReason("KubeletReady")
            .withMessage("kubelet is posting ready status (ovn-eip sandbox)")
            .endCondition()
            .addNewAddress()
            .withType("Hostname")
            .withAddress(n.name())
            .endAddress()
            .endStatus();
    if (controlPlane) {
      b.editMetadata().addToLabels("node-role.kubernetes.io/control-plane", "").endMetadata();
    }
    return b.build();
  }
}

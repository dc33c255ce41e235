package io.ovneip.sandbox.cni;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodPatchesTest {
  private final PodPort port = PodPort.of("default", "pod-eip", "10.16.0.3");

  @Test
  void macsDeriveFromTheAddress() {
    assertThat(port.mac()).isEqualTo("00:00:00:10:00:03");
    assertThat(port.portName()).isEqualTo("pod-eip.default");
    assertThat(port.addresses()).isEqualTo("00:00:00:10:00:03 10.16.0.3");
  }

  @Test
  void aPodWithoutAnnotationsGetsTheWholeMapAfterAUidTest() {
    Pod pod = new PodBuilder().withNewMetadata().withUid("u1").endMetadata().build();
    List<Map<String, Object>> ops =
        PodPatches.allocation(pod, port, "ovn-default", "kube-ovn-worker");
    assertThat(ops).hasSize(3);
    assertThat(ops.get(0)).containsEntry("op", "test").containsEntry("value", "u1");
    assertThat(ops.get(1)).containsEntry("path", "/metadata/annotations");
    assertThat(ops.get(2)).containsEntry("path", "/spec/nodeName");
  }

  @Test
  void onlyMissingOrWrongAnnotationsArePatchedWithEscapedKeys() {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withUid("u1")
            .addToAnnotations("ovn.kubernetes.io/eip", "172.56.0.233")
            .addToAnnotations("ovn.kubernetes.io/allocated", "true")
            .addToAnnotations("ovn.kubernetes.io/ip_address", "10.16.0.9")
            .endMetadata()
            .build();
    List<Map<String, Object>> ops = PodPatches.allocation(pod, port, "ovn-default", null);
    assertThat(ops)
        .extracting(o -> o.get("path"))
        .containsExactly(
            "/metadata/uid",
            "/metadata/annotations/ovn.kubernetes.io~1ip_address",
            "/metadata/annotations/ovn.kubernetes.io~1mac_address",
            "/metadata/annotations/ovn.kubernetes.io~1logical_switch");
  }

  @Test
  void aFullyAllocatedPodNeedsNoPatch() {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withUid("u1")
            .addToAnnotations("ovn.kubernetes.io/allocated", "true")
            .addToAnnotations("ovn.kubernetes.io/ip_address", "10.16.0.3")
            .addToAnnotations("ovn.kubernetes.io/mac_address", "00:00:00:10:00:03")
            .addToAnnotations("ovn.kubernetes.io/logical_switch", "ovn-default")
            .endMetadata()
            .build();
    assertThat(PodPatches.allocation(pod, port, "ovn-default", null)).isEmpty();
  }

  @Test
  void aDualStackPortListsBothFamiliesAndTheAnnotationJoinsThemWithAComma() {
    ClusterNetwork dual = ClusterNetwork.dualStackDefaults();
    PodPort p = PodPort.of("default", "ds", "10.16.1.2", dual.ip6For("10.16.1.2"));
    assertThat(p.ip6()).isEqualTo("fd00:10:16::102");
    assertThat(p.addresses()).isEqualTo("00:00:00:10:01:02 10.16.1.2 fd00:10:16::102");
    Pod pod = new PodBuilder().withNewMetadata().withUid("u1").endMetadata().build();
    @SuppressWarnings("unchecked")
    Map<String, String> annotations =
        (Map<String, String>)
            PodPatches.allocation(pod, p, "ovn-default", null).get(1).get("value");
    assertThat(annotations)
        .containsEntry("ovn.kubernetes.io/ip_address", "10.16.1.2,fd00:10:16::102");
    assertThat(ClusterNetwork.defaults().ip6For("10.16.1.2")).isEmpty();
    assertThat(dual.cidrs()).isEqualTo("10.16.0.0/16,fd00:10:16::/64");
    assertThat(dual.gateways()).isEqualTo("10.16.0.1,fd00:10:16::1");
  }

  @Test
  void nodesFollowKindsNaming() {
    assertThat(SandboxNode.kindCluster(4))
        .extracting(SandboxNode::name)
        .containsExactly(
            "kube-ovn-control-plane", "kube-ovn-worker", "kube-ovn-worker2", "kube-ovn-worker3");
    assertThat(SandboxNode.kindCluster(2).get(1).systemId())
        .isEqualTo(SandboxNode.kindCluster(3).get(1).systemId());
    assertThat(SandboxNode.kindCluster(3)).extracting(SandboxNode::encapIp).doesNotHaveDuplicates();
  }
}

package io.ovneip.controller.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.ovneip.model.input.Annotations;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which pod updates are reconciled, and which only rechecked for what the pod shows. */
class ClusterViewInputsTest {
  static Pod pod() {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace("default")
        .withName("p")
        .withUid("u1")
        .withCreationTimestamp("2024-01-01T00:00:00Z")
        .withResourceVersion("1")
        .withAnnotations(Map.of(Annotations.EIP, "172.56.0.9", Annotations.IP_ADDRESS, "10.16.0.5"))
        .endMetadata()
        .withNewSpec()
        .withNodeName("worker")
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .endStatus()
        .build();
  }

  @Test
  void routedConditionsAndResourceVersionAreNotInputs() {
    Pod shown =
        new PodBuilder(pod())
            .editMetadata()
            .withResourceVersion("2")
            .addToAnnotations(Annotations.ROUTED, "true")
            .endMetadata()
            .editStatus()
            .addToConditions(
                new PodConditionBuilder()
                    .withType(Annotations.READY_CONDITION)
                    .withStatus("True")
                    .build())
            .endStatus()
            .build();
    assertThat(ClusterView.sameInputs(pod(), shown)).isTrue();
  }

  @Test
  void annotationsNodePhaseAndIdentityAreInputs() {
    assertThat(
            ClusterView.sameInputs(
                pod(),
                new PodBuilder(pod())
                    .editMetadata()
                    .addToAnnotations(Annotations.EIP, "172.56.0.10")
                    .endMetadata()
                    .build()))
        .isFalse();
    assertThat(
            ClusterView.sameInputs(
                pod(), new PodBuilder(pod()).editSpec().withNodeName("other").endSpec().build()))
        .isFalse();
    assertThat(
            ClusterView.sameInputs(
                pod(),
                new PodBuilder(pod()).editStatus().withPhase("Succeeded").endStatus().build()))
        .isFalse();
    assertThat(
            ClusterView.sameInputs(
                pod(), new PodBuilder(pod()).editMetadata().withUid("u2").endMetadata().build()))
        .isFalse();
    assertThat(
            ClusterView.sameInputs(
                pod(), new PodBuilder(pod()).editSpec().withHostNetwork(true).endSpec().build()))
        .isFalse();
  }
}

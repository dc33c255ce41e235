package io.ovneip.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.ovneip.controller.preflight.Finding;
import io.ovneip.controller.preflight.Preflight;
import io.ovneip.kubeapi.EmbeddedKubeApi;
import io.ovneip.model.input.GatewaySettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ovn-eip preflight} (docs/behaviour.md §8) against the embedded API. */
class PreflightIT {

  @Test
  void everySettingThatFightsOvnEipIsAWarningWithItsFix() throws Exception {
    try (EmbeddedKubeApi api = EmbeddedKubeApi.start(0, true)) {
      KubernetesClient c = api.client();
      kubeOvn(c, List.of("--default-cidr=10.16.0.0/16"), List.of());
      vpc(c, true, true);
      c.genericKubernetesResources(kubeOvn("subnets", "Subnet"))
          .resource(
              new GenericKubernetesResourceBuilder()
                  .withApiVersion("kubeovn.io/v1")
                  .withKind("Subnet")
                  .withNewMetadata()
                  .withName("external")
                  .endMetadata()
                  .build())
          .create();
      ControllerHarness.podWithoutPort(
          c,
          "both",
          "10.16.0.9",
          "00:00:00:00:00:09",
          Map.of(
              "ovn.kubernetes.io/north_gateway",
              "10.16.0.254",
              "ovn.kubernetes.io/eip",
              "172.56.0.9"));
      c.nodes()
          .resource(
              new NodeBuilder()
                  .withNewMetadata()
                  .withName("n1")
                  .addToLabels("ovn.kubernetes.io/external-gw", "true")
                  .endMetadata()
                  .build())
          .create();

      List<Finding> findings = new Preflight(c, GatewaySettings.defaults()).run();

      assertThat(warned(findings))
          .containsExactlyInAnyOrder(
              "kube-ovn-controller --enable-eip-snat",
              "kube-ovn-cni --external-gateway-config-ns",
              "kube-ovn-cni --external-gateway-switch",
              "vpc ovn-cluster",
              "subnet external",
              "north_gateway pods",
              "external-gw labels");
      assertThat(findings)
          .filteredOn(f -> f.check().equals("kube-ovn-controller --enable-eip-snat"))
          .singleElement()
          .satisfies(f -> assertThat(f.fix()).contains("--enable-eip-snat=false"));
      assertThat(findings)
          .filteredOn(f -> f.check().equals("external-gw labels"))
          .singleElement()
          .satisfies(
              f ->
                  assertThat(f.fix())
                      .isEqualTo("kubectl label node --all ovn.kubernetes.io/external-gw-"));
      assertThat(Preflight.clean(findings)).isFalse();
    }
  }

  @Test
  void theRecipeOfV113PassesEveryCheck() throws Exception {
    try (EmbeddedKubeApi api = EmbeddedKubeApi.start(0, true)) {
      KubernetesClient c = api.client();
      kubeOvn(
          c,
          List.of("--enable-eip-snat=false", "--external-gateway-switch=external"),
          List.of(
              "--external-gateway-config-ns=ovn-eip-none",
              "--external-gateway-switch",
              "ovn-eip-unused"));
      vpc(c, false, false);
      List<Finding> findings = new Preflight(c, GatewaySettings.defaults()).run();
      assertThat(findings).allMatch(f -> f.status() == Finding.Status.OK, "all OK: " + findings);
      assertThat(Preflight.clean(findings)).isTrue();
    }
  }

  @Test
  void whatCannotBeSeenIsNotCheckedNeverAFailure() throws Exception {
    try (EmbeddedKubeApi api = EmbeddedKubeApi.start(0)) {
      List<Finding> findings = new Preflight(api.client(), GatewaySettings.defaults()).run();
      assertThat(findings)
          .filteredOn(f -> f.status() == Finding.Status.NOT_CHECKED)
          .extracting(Finding::check)
          .containsExactlyInAnyOrder(
              "kube-ovn-controller",
              "kube-ovn-cni",
              "vpc ovn-cluster",
              "subnets/provider-networks");
      assertThat(Preflight.clean(findings)).isTrue();
    }
  }

  private static List<String> warned(List<Finding> findings) {
    return findings.stream()
        .filter(f -> f.status() == Finding.Status.WARN)
        .map(Finding::check)
        .toList();
  }

  private static void kubeOvn(
      KubernetesClient c, List<String> controllerArgs, List<String> cniArgs) {
    c.resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("kube-ovn-controller")
                .withNamespace("kube-system")
                .endMetadata()
                .withNewSpec()
                .withNewTemplate()
                .withNewSpec()
                .addNewContainer()
                .withName("kube-ovn-controller")
                .withImage("kube-ovn")
                .withArgs(controllerArgs)
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
    c.resource(
            new DaemonSetBuilder()
                .withNewMetadata()
                .withName("kube-ovn-cni")
                .withNamespace("kube-system")
                .endMetadata()
                .withNewSpec()
                .withNewTemplate()
                .withNewSpec()
                .addNewContainer()
                .withName("cni-server")
                .withImage("kube-ovn")
                .withArgs(cniArgs)
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
  }

  private static void vpc(KubernetesClient c, boolean spec, boolean status) {
    c.genericKubernetesResources(kubeOvn("vpcs", "Vpc"))
        .resource(
            new GenericKubernetesResourceBuilder()
                .withApiVersion("kubeovn.io/v1")
                .withKind("Vpc")
                .withNewMetadata()
                .withName("ovn-cluster")
                .endMetadata()
                .withAdditionalProperties(
                    Map.of(
                        "spec", Map.of("enableExternal", spec),
                        "status", Map.of("enableExternal", status)))
                .build())
        .create();
  }

  private static ResourceDefinitionContext kubeOvn(String plural, String kind) {
    return new ResourceDefinitionContext.Builder()
        .withGroup("kubeovn.io")
        .withVersion("v1")
        .withPlural(plural)
        .withKind(kind)
        .withNamespaced(false)
        .build();
  }
}

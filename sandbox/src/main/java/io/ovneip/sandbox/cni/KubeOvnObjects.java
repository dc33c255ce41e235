package io.ovneip.sandbox.cni;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes objects of a Kube-OVN installation that ovn-eip's preflight reads, as the flag
 * recipe of docs/behaviour.md §8 leaves them: the Vpc {@code ovn-cluster} with {@code
 * enableExternal=false} in spec and status, the Subnet of the default switch, kube-ovn-controller
 * with {@code --enable-eip-snat=false}, kube-ovn-cni with a config namespace that never holds the
 * ConfigMap and an unused switch name. Written only when the API serves {@code kubeovn.io}.
 */
public final class KubeOvnObjects {
  /** The kube-ovn-cni flags of the recipe. */
  public static final String CNI_CONFIG_NS = "ovn-eip-none";

  public static final String CNI_UNUSED_SWITCH = "ovn-eip-unused";

  static final ResourceDefinitionContext VPCS = context("vpcs", "Vpc");
  static final ResourceDefinitionContext SUBNETS = context("subnets", "Subnet");

  private KubeOvnObjects() {}

  /** Creates the objects when missing; nothing when the API does not serve Kube-OVN's group. */
  static void ensureDefaultVpc(KubernetesClient client, ClusterNetwork network) {
    if (client.getApiResources("kubeovn.io/v1") == null) {
      return;
    }
    create(
        client,
        VPCS,
        new GenericKubernetesResourceBuilder()
            .withApiVersion("kubeovn.io/v1")
            .withKind("Vpc")
            .withNewMetadata()
            .withName(network.routerName())
            .endMetadata()
            .withAdditionalProperties(
                Map.of(
                    "spec", Map.of("enableExternal", false),
                    "status", Map.of("enableExternal", false, "standby", true)))
            .build());
    create(
        client,
        SUBNETS,
        new GenericKubernetesResourceBuilder()
            .withApiVersion("kubeovn.io/v1")
            .withKind("Subnet")
            .withNewMetadata()
            .withName(network.switchName())
            .endMetadata()
            .withAdditionalProperties(
                Map.of(
                    "spec",
                    Map.of(
                        "cidrBlock",
                        network.cidrs(),
                        "gateway",
                        network.gateways(),
                        "protocol",
                        network.dualStack() ? "Dual" : "IPv4",
                        "vpc",
                        network.routerName(),
                        "provider",
                        "ovn",
                        "default",
                        true)))
            .build());
    createWorkload(
        client,
        new DeploymentBuilder()
            .withNewMetadata()
            .withName("kube-ovn-controller")
            .withNamespace("kube-system")
            .endMetadata()
            .withNewSpec()
            .withNewSelector()
            .addToMatchLabels("app", "kube-ovn-controller")
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .addToLabels("app", "kube-ovn-controller")
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("kube-ovn-controller")
            .withImage("docker.io/kubeovn/kube-ovn:v1.14.0")
            .withCommand("/kube-ovn/start-controller.sh")
            .withArgs(
                List.of(
                    "--default-cidr=" + network.subnet(),
                    "--enable-eip-snat=false",
                    "--external-gateway-switch=external"))
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build());
    createWorkload(
        client,
        new DaemonSetBuilder()
            .withNewMetadata()
            .withName("kube-ovn-cni")
            .withNamespace("kube-system")
            .endMetadata()
            .withNewSpec()
            .withNewSelector()
            .addToMatchLabels("app", "kube-ovn-cni")
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .addToLabels("app", "kube-ovn-cni")
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("cni-server")
            .withImage("docker.io/kubeovn/kube-ovn:v1.14.0")
            .withCommand("bash", "/kube-ovn/start-cniserver.sh")
            .withArgs(
                List.of(
                    "--external-gateway-config-ns=" + CNI_CONFIG_NS,
                    "--external-gateway-switch=" + CNI_UNUSED_SWITCH))
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build());
  }

  private static void create(
      KubernetesClient client, ResourceDefinitionContext context, GenericKubernetesResource r) {
    try {
      client.genericKubernetesResources(context).resource(r).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
  }

  private static void createWorkload(KubernetesClient client, HasMetadata workload) {
    try {
      client.resource(workload).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
  }

  private static ResourceDefinitionContext context(String plural, String kind) {
    return new ResourceDefinitionContext.Builder()
        .withGroup("kubeovn.io")
        .withVersion("v1")
        .withPlural(plural)
        .withKind(kind)
        .withNamespaced(false)
        .build();
  }
}

package io.ovneip.kubeapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 and 18: {@code kubectl apply -k deploy/} (the kustomize base with the plain Kube-OVN
 * overlay) applies with the real kubectl and is what we meant.
 */
class DeployManifestsIT extends KubectlFixture {
  private static final Path DEPLOY = Path.of("..", "deploy");

  @Test
  void everyManifestAppliesAndDescribesTheIntendedObjects() throws Exception {
    assertThat(Files.isDirectory(DEPLOY)).as("deploy/ next to this module").isTrue();
    String out = kubectl.run("apply", "-k", DEPLOY.toString()).ok().out();
    assertThat(out)
        .contains("configmap/ovn-external-gw-config created")
        .containsPattern("configmap/ovn-eip-ovn-remotes-[a-z0-9]+ created")
        .contains("clusterrole.rbac.authorization.k8s.io/ovn-eip-controller created")
        .contains("deployment.apps/ovn-eip-controller created")
        .contains("daemonset.apps/ovn-eip-agent created");
    // Re-applying changes nothing.
    assertThat(kubectl.run("apply", "-k", DEPLOY.toString()).ok().out()).doesNotContain("created");

    Deployment controller =
        client.apps().deployments().inNamespace("kube-system").withName("ovn-eip-controller").get();
    assertThat(controller.getSpec().getReplicas()).isEqualTo(2);
    var container = controller.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getArgs()).contains("controller");
    assertThat(container.getImage()).isEqualTo("ghcr.io/ovn-eip/ovn-eip:0.1.0");
    // The remotes come from the overlay's generated ConfigMap, which holds Kube-OVN's services.
    String remotes =
        container.getEnv().stream()
            .filter(e -> e.getName().equals("OVN_NB_DB"))
            .findFirst()
            .orElseThrow()
            .getValueFrom()
            .getConfigMapKeyRef()
            .getName();
    assertThat(client.configMaps().inNamespace("kube-system").withName(remotes).get().getData())
        .containsEntry("OVN_NB_DB", "tcp:ovn-nb.kube-system.svc:6641")
        .containsEntry("OVN_SB_DB", "tcp:ovn-sb.kube-system.svc:6642");
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");

    DaemonSet agent =
        client.apps().daemonSets().inNamespace("kube-system").withName("ovn-eip-agent").get();
    var pod = agent.getSpec().getTemplate().getSpec();
    assertThat(pod.getHostNetwork()).isTrue();
    assertThat(pod.getContainers().get(0).getEnv())
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("NODE_NAME");
              assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("spec.nodeName");
            });
    assertThat(pod.getVolumes())
        .anySatisfy(v -> assertThat(v.getHostPath().getPath()).isEqualTo("/var/run/openvswitch"));

    // Least privilege: the controller's cluster-wide rules never include secrets or deletes.
    ClusterRole role = client.rbac().clusterRoles().withName("ovn-eip-controller").get();
    assertThat(role.getRules())
        .allSatisfy(
            r -> {
              assertThat(r.getResources()).doesNotContain("secrets", "configmaps");
              assertThat(r.getVerbs()).doesNotContain("delete", "*");
            });
    assertThat(
            client
                .rbac()
                .roles()
                .inNamespace("kube-system")
                .withName("ovn-eip-controller")
                .get()
                .getRules())
        .anySatisfy(r -> assertThat(r.getResources()).contains("leases"));
  }
}

package io.ovneip.kubeapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** kubectl version, apply, get, annotate, label and delete against the embedded API. */
class KubectlBasicsIT extends KubectlFixture {

  @Test
  void versionReportsTheServer() {
    assertThat(kubectl.run("version").ok().out()).contains("Server Version: v1.32.0");
  }

  @Test
  void applyCreatesAndReappliesWithAChangedAnnotation() {
    assertThat(apply(namespace("apply"))).contains("namespace/apply created");
    assertThat(apply(SEED_CONFIG_MAP)).contains("configmap/ovn-external-gw-config created");
    assertThat(apply(pod("apply", "pod-eip", "172.56.0.233"))).contains("pod/pod-eip created");

    assertThat(apply(pod("apply", "pod-eip", "172.56.0.221"))).contains("pod/pod-eip configured");
    assertThat(apply(pod("apply", "pod-eip", "172.56.0.221"))).contains("pod/pod-eip unchanged");

    Pod pod = client.pods().inNamespace("apply").withName("pod-eip").get();
    assertThat(pod.getMetadata().getAnnotations())
        .containsEntry("ovn.kubernetes.io/eip", "172.56.0.221")
        .containsKey("kubectl.kubernetes.io/last-applied-configuration");
    ConfigMap config =
        client.configMaps().inNamespace("kube-system").withName("ovn-external-gw-config").get();
    assertThat(config.getData())
        .containsEntry("external-gw-nodes", "kube-ovn-worker")
        .containsEntry("nic-mac", "16:52:f3:13:6a:25");
  }

  @Test
  void getListsFiltersAndFormats() {
    apply(namespace("get"));
    apply(pod("get", "pod-a", "172.56.0.10"));
    client
        .pods()
        .inNamespace("get")
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("pod-on-worker")
                .endMetadata()
                .withNewSpec()
                .withNodeName("kube-ovn-worker")
                .addNewContainer()
                .withName("c")
                .withImage("nginx")
                .endContainer()
                .endSpec()
                .build())
        .create();

    assertThat(kubectl.run("get", "pods", "-A").ok().out())
        .contains("NAMESPACE")
        .containsPattern("get\\s+pod-a")
        .containsPattern("get\\s+pod-on-worker");
    assertThat(kubectl.run("get", "pod", "pod-a", "-n", "get", "-o", "yaml").ok().out())
        .contains("kind: Pod", "name: pod-a", "ovn.kubernetes.io/eip: 172.56.0.10");
    assertThat(
            kubectl
                .run(
                    "get",
                    "pod",
                    "pod-a",
                    "-n",
                    "get",
                    "-o",
                    "jsonpath={.metadata.annotations.ovn\\.kubernetes\\.io/eip}")
                .ok()
                .out())
        .isEqualTo("172.56.0.10");
    assertThat(
            kubectl
                .run(
                    "get",
                    "pods",
                    "-n",
                    "get",
                    "--field-selector",
                    "spec.nodeName=kube-ovn-worker",
                    "-o",
                    "name")
                .ok()
                .out()
                .strip())
        .isEqualTo("pod/pod-on-worker");
    assertThat(
            kubectl
                .run("get", "pods", "-A", "--field-selector", "metadata.name=pod-a", "-o", "name")
                .ok()
                .out()
                .strip())
        .isEqualTo("pod/pod-a");
    assertThat(kubectl.run("get", "pod", "missing", "-n", "get").err())
        .contains("(NotFound)", "pods \"missing\" not found");
  }

  @Test
  void annotateOverwritesAndRemovesKeepingTheOthers() {
    apply(namespace("annotate"));
    apply(pod("annotate", "pod-gw", "172.56.0.233"));

    kubectl
        .run(
            "annotate",
            "pod",
            "pod-gw",
            "-n",
            "annotate",
            "ovn.kubernetes.io/routed=true",
            "keep=me")
        .ok();
    assertThat(
            kubectl
                .run(
                    "annotate",
                    "pod",
                    "pod-gw",
                    "-n",
                    "annotate",
                    "ovn.kubernetes.io/eip=172.56.0.221")
                .err())
        .contains("already has a value");
    kubectl
        .run(
            "annotate",
            "pod",
            "pod-gw",
            "-n",
            "annotate",
            "ovn.kubernetes.io/eip=172.56.0.221",
            "--overwrite")
        .ok();
    kubectl.run("annotate", "pod", "pod-gw", "-n", "annotate", "ovn.kubernetes.io/routed-").ok();

    Map<String, String> annotations =
        client
            .pods()
            .inNamespace("annotate")
            .withName("pod-gw")
            .get()
            .getMetadata()
            .getAnnotations();
    assertThat(annotations)
        .containsEntry("ovn.kubernetes.io/eip", "172.56.0.221")
        .containsEntry("keep", "me")
        .containsKey("kubectl.kubernetes.io/last-applied-configuration")
        .doesNotContainKey("ovn.kubernetes.io/routed");
    assertThat(annotations.values()).doesNotContainNull();

    // Removing again is a no-op for kubectl, and must not null the other keys (trap 1).
    kubectl.run("annotate", "pod", "pod-gw", "-n", "annotate", "keep-").ok();
    assertThat(
            client
                .pods()
                .inNamespace("annotate")
                .withName("pod-gw")
                .get()
                .getMetadata()
                .getAnnotations())
        .containsEntry("ovn.kubernetes.io/eip", "172.56.0.221")
        .doesNotContainKeys("keep", "ovn.kubernetes.io/routed")
        .doesNotContainValue(null);
  }

  @Test
  void labelAddsOverwritesAndRemoves() {
    apply(namespace("label"));
    apply(pod("label", "pod-l", "172.56.0.30"));

    kubectl.run("label", "pod", "pod-l", "-n", "label", "app=web", "tier=front").ok();
    kubectl.run("label", "pod", "pod-l", "-n", "label", "app=db", "--overwrite").ok();
    kubectl.run("label", "pod", "pod-l", "-n", "label", "tier-").ok();

    assertThat(client.pods().inNamespace("label").withName("pod-l").get().getMetadata().getLabels())
        .containsExactlyEntriesOf(Map.of("app", "db"));
    assertThat(kubectl.run("get", "pods", "-n", "label", "-l", "app=db", "-o", "name").ok().out())
        .contains("pod/pod-l");
    assertThat(kubectl.run("get", "pods", "-n", "label", "-l", "app=web", "-o", "name").ok().out())
        .doesNotContain("pod-l");
  }

  @Test
  void deleteRemovesTheObject() {
    apply(namespace("delete"));
    apply(pod("delete", "pod-d", "172.56.0.40"));

    assertThat(kubectl.run("delete", "pod", "pod-d", "-n", "delete").ok().out())
        .contains("pod \"pod-d\" deleted");

    assertThat(client.pods().inNamespace("delete").withName("pod-d").get()).isNull();
    assertThat(kubectl.run("get", "pods", "-n", "delete").ok().err())
        .contains("No resources found");
  }

  @Test
  void unsupportedRequestsFailClearly() {
    // Protobuf bodies (trap 6) are refused at once instead of hanging.
    assertThat(kubectl.run("create", "configmap", "proto", "-n", "default").err())
        .contains("speaks JSON only");
    // The documented workaround works.
    String yaml =
        kubectl
            .run(
                "create",
                "configmap",
                "proto",
                "-n",
                "default",
                "--from-literal=a=b",
                "--dry-run=client",
                "-o",
                "yaml")
            .ok()
            .out();
    assertThat(apply(yaml)).contains("configmap/proto created");
    // Unknown kinds are not answered with every stored object (trap 4). Deployments are served now
    // (the project's manifests are applied in DeployManifestsIT); cronjobs never are.
    assertThat(kubectl.run("get", "cronjobs").err()).contains("doesn't have a resource type");
  }
}

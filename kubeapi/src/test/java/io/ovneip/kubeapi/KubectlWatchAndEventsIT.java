package io.ovneip.kubeapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Watches (kubectl and fabric8 informers), Events and describe against the embedded API. */
class KubectlWatchAndEventsIT extends KubectlFixture {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void getWatchSeesAChangeMadeByAnotherKubectl() throws InterruptedException {
    apply(namespace("watch"));
    apply(pod("watch", "pod-w", "172.56.0.50"));

    try (Kubectl.Background watch =
        kubectl.background("get", "pods", "-n", "watch", "-w", "--output-watch-events")) {
      watch.await(line -> line.matches("ADDED\\s+pod-w\\s.*"), WAIT);

      kubectl.run("annotate", "pod", "pod-w", "-n", "watch", "changed=yes").ok();
      watch.await(line -> line.matches("MODIFIED\\s+pod-w\\s.*"), WAIT);

      apply(pod("watch", "pod-new", "172.56.0.51"));
      watch.await(line -> line.matches("ADDED\\s+pod-new\\s.*"), WAIT);

      kubectl.run("delete", "pod", "pod-w", "-n", "watch").ok();
      watch.await(line -> line.matches("DELETED\\s+pod-w\\s.*"), WAIT);
    }
  }

  @Test
  void describeShowsEventsCreatedThroughFabric8() {
    apply(namespace("describe"));
    apply(SEED_CONFIG_MAP);
    apply(pod("describe", "pod-snat", "172.56.0.200"));
    client
        .nodes()
        .resource(
            new NodeBuilder().withNewMetadata().withName("kube-ovn-worker").endMetadata().build())
        .createOr(existing -> existing.update());
    Pod pod = client.pods().inNamespace("describe").withName("pod-snat").get();
    event("describe", "pod-snat.1", pod, pod.getMetadata().getUid(), "EipApplied", "eip routed");
    ConfigMap config =
        client.configMaps().inNamespace("kube-system").withName("ovn-external-gw-config").get();
    // kubectl describe searches events by involvedObject uid too: events must carry it.
    event(
        "kube-system",
        "gw-config.1",
        config,
        config.getMetadata().getUid(),
        "InvalidGatewayConfig",
        "nic-mac: not a unicast MAC");
    // Node events carry the node name as uid: `kubectl describe node` searches for that.
    event(
        "default",
        "kube-ovn-worker.1",
        client.nodes().withName("kube-ovn-worker").get(),
        "kube-ovn-worker",
        "GatewayReady",
        "gateway chassis bound");

    assertThat(kubectl.run("describe", "pod", "pod-snat", "-n", "describe").ok().out())
        .contains("ovn.kubernetes.io/eip: 172.56.0.200")
        .containsPattern("Normal\\s+EipApplied\\s+.*ovn-eip-controller\\s+eip routed");
    assertThat(kubectl.run("describe", "node", "kube-ovn-worker").ok().out())
        .containsPattern("Normal\\s+GatewayReady\\s+.*gateway chassis bound");
    assertThat(
            kubectl
                .run("describe", "configmap", "ovn-external-gw-config", "-n", "kube-system")
                .ok()
                .out())
        .contains("external-gw-nic", "eth1")
        .containsPattern("Normal\\s+InvalidGatewayConfig\\s+.*nic-mac: not a unicast MAC");

    assertThat(kubectl.run("get", "events", "-A").ok().out())
        .contains("pod-snat.1", "gw-config.1", "kube-ovn-worker.1");
    assertThat(
            kubectl
                .run(
                    "get",
                    "events",
                    "-n",
                    "describe",
                    "--field-selector",
                    "involvedObject.name=pod-snat",
                    "-o",
                    "name")
                .ok()
                .out()
                .strip())
        .isEqualTo("event/pod-snat.1");
  }

  @Test
  void informerSeesKubectlChanges() {
    apply(namespace("informer"));
    List<String> seen = new CopyOnWriteArrayList<>();
    SharedIndexInformer<Pod> informer =
        client
            .pods()
            .inNamespace("informer")
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Pod pod) {
                    seen.add("add " + name(pod));
                  }

                  @Override
                  public void onUpdate(Pod before, Pod after) {
                    seen.add("update " + name(after) + " " + annotations(after));
                  }

                  @Override
                  public void onDelete(Pod pod, boolean finalStateUnknown) {
                    seen.add("delete " + name(pod));
                  }
                },
                0);
    try {
      apply(pod("informer", "pod-i", "172.56.0.60"));
      await().atMost(WAIT).until(() -> seen.contains("add pod-i"));

      kubectl
          .run("annotate", "pod", "pod-i", "-n", "informer", "ovn.kubernetes.io/routed=true")
          .ok();
      await()
          .atMost(WAIT)
          .until(() -> seen.stream().anyMatch(s -> s.contains("ovn.kubernetes.io/routed=true")));

      kubectl.run("annotate", "pod", "pod-i", "-n", "informer", "ovn.kubernetes.io/routed-").ok();
      await()
          .atMost(WAIT)
          .until(
              () ->
                  seen.get(seen.size() - 1).startsWith("update pod-i")
                      && !seen.get(seen.size() - 1).contains("routed"));
      assertThat(informer.getStore().getByKey("informer/pod-i").getMetadata().getAnnotations())
          .doesNotContainKey("ovn.kubernetes.io/routed")
          .containsEntry("ovn.kubernetes.io/eip", "172.56.0.60");

      kubectl.run("delete", "pod", "pod-i", "-n", "informer").ok();
      await().atMost(WAIT).until(() -> seen.contains("delete pod-i"));
      assertThat(seen.stream().filter(s -> s.equals("add pod-i"))).hasSize(1);
    } finally {
      informer.close();
    }
  }

  /**
   * What the controller does: a client built from the kubeconfig alone (so it first tries a
   * WebSocket watch and falls back to HTTP), watching pods of one node by field selector.
   */
  @Test
  void kubeconfigClientInformerFiltersByNode() throws IOException {
    apply(namespace("nodes"));
    Config config = Config.fromKubeconfig(Files.readString(dir.resolve("kubeconfig")));
    List<String> seen = new CopyOnWriteArrayList<>();
    try (KubernetesClient fromKubeconfig =
            new KubernetesClientBuilder().withConfig(config).build();
        SharedIndexInformer<Pod> informer =
            fromKubeconfig
                .pods()
                .inAnyNamespace()
                .withField("spec.nodeName", "kube-ovn-worker")
                .inform(recorder(seen), 0)) {
      await().atMost(WAIT).until(informer::hasSynced);
      apply(podOnNode("nodes", "on-other", "kube-ovn-worker2"));
      apply(podOnNode("nodes", "on-worker", "kube-ovn-worker"));
      await().atMost(WAIT).until(() -> seen.contains("add on-worker"));

      kubectl.run("label", "pod", "on-worker", "-n", "nodes", "seen=yes").ok();
      kubectl.run("label", "pod", "on-other", "-n", "nodes", "seen=yes").ok();
      kubectl.run("delete", "pod", "on-worker", "-n", "nodes").ok();
      await().atMost(WAIT).until(() -> seen.contains("delete on-worker"));

      assertThat(seen).noneMatch(s -> s.contains("on-other"));
      assertThat(seen).anyMatch(s -> s.startsWith("update on-worker") && s.contains("seen=yes"));
    }
  }

  private static String podOnNode(String namespace, String name, String node) {
    return pod(namespace, name, "172.56.0.70")
        .replace("spec:\n", "spec:\n  nodeName: " + node + "\n");
  }

  private static ResourceEventHandler<Pod> recorder(List<String> seen) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        seen.add("add " + name(pod));
      }

      @Override
      public void onUpdate(Pod before, Pod after) {
        seen.add("update " + name(after) + " " + after.getMetadata().getLabels());
      }

      @Override
      public void onDelete(Pod pod, boolean finalStateUnknown) {
        seen.add("delete " + name(pod));
      }
    };
  }

  private void event(
      String namespace, String name, HasMetadata about, String uid, String reason, String msg) {
    String now = Instant.now().toString();
    client
        .v1()
        .events()
        .inNamespace(namespace)
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withInvolvedObject(
                    new ObjectReferenceBuilder()
                        .withApiVersion(about.getApiVersion())
                        .withKind(about.getKind())
                        .withName(about.getMetadata().getName())
                        .withNamespace(about.getMetadata().getNamespace())
                        .withUid(uid)
                        .build())
                .withReason(reason)
                .withMessage(msg)
                .withType("Normal")
                .withCount(1)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withNewSource()
                .withComponent("ovn-eip-controller")
                .endSource()
                .build())
        .create();
  }

  private static String name(Pod pod) {
    return pod.getMetadata().getName();
  }

  private static String annotations(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    return annotations == null ? "{}" : annotations.toString();
  }
}

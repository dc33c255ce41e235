package io.ovneip.kubeapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start, kubeconfig, optimistic concurrency and a clean close. */
class EmbeddedKubeApiLifecycleIT {

  @TempDir Path dir;

  @Test
  void kubeconfigPointsKubectlAtTheApi() throws IOException {
    try (EmbeddedKubeApi api = EmbeddedKubeApi.start(0)) {
      Path kubeconfig = dir.resolve("sub/kubeconfig");
      api.writeKubeconfig(kubeconfig);

      assertThat(Files.readString(kubeconfig))
          .contains("server: http://127.0.0.1:" + api.port())
          .contains("current-context: ovn-eip-sandbox");
      assertThat(new Kubectl(kubeconfig, dir.resolve("cache")).run("get", "ns").ok().out())
          .contains("default", "kube-system", "kube-node-lease");
    }
  }

  @Test
  void aStaleResourceVersionConflicts() throws IOException {
    try (EmbeddedKubeApi api = EmbeddedKubeApi.start(0)) {
      var configMaps = api.client().configMaps().inNamespace("default");
      var created =
          configMaps
              .resource(
                  new ConfigMapBuilder()
                      .withNewMetadata()
                      .withName("c")
                      .endMetadata()
                      .addToData("k", "1")
                      .build())
              .create();
      configMaps.withName("c").edit(cm -> new ConfigMapBuilder(cm).addToData("k", "2").build());

      var stale = new ConfigMapBuilder(created).addToData("k", "3").build();
      assertThatThrownBy(() -> configMaps.resource(stale).update())
          .isInstanceOfSatisfying(
              KubernetesClientException.class,
              e -> {
                assertThat(e.getCode()).isEqualTo(409);
                assertThat(e.getStatus().getReason()).isEqualTo("Conflict");
              });
      assertThat(configMaps.withName("c").get().getData()).containsEntry("k", "2");
    }
  }

  @Test
  void startsOnAGivenPortAndCloseFreesBothPortsAndThreads() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    EmbeddedKubeApi api = EmbeddedKubeApi.start(port);
    assertThat(api.port()).isEqualTo(port);
    Path kubeconfig = dir.resolve("kubeconfig");
    api.writeKubeconfig(kubeconfig);
    Kubectl kubectl = new Kubectl(kubeconfig, dir.resolve("cache"));
    try (Kubectl.Background watch = kubectl.background("get", "namespaces", "-w")) {
      watch.await(line -> line.startsWith("kube-system"), Duration.ofSeconds(20));
      // Closing with a watch open must end the watch, not wait for it.
      api.close();
    }
    api.close();

    try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
    Thread.sleep(2_000);
    Set<String> leftover =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> !before.contains(t) && t.isAlive() && !t.isDaemon())
            .map(Thread::getName)
            // Netty's shared executor ends by itself after a second idle.
            .filter(name -> !name.startsWith("globalEventExecutor"))
            .collect(Collectors.toSet());
    assertThat(leftover).isEmpty();
  }
}

package io.ovneip.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Builds the Kubernetes client from a kubeconfig file, or in-cluster when there is none. */
final class KubeConfigs {
  /** No API call may wait forever (connect, request, watch reconnect). */
  private static final int CONNECT_TIMEOUT_MS = 10_000;

  private static final int REQUEST_TIMEOUT_MS = 30_000;

  private KubeConfigs() {}

  static KubernetesClient client(Optional<Path> kubeconfig) throws IOException {
    Config config =
        kubeconfig.filter(p -> !p.toString().isEmpty()).isPresent()
            ? Config.fromKubeconfig(Files.readString(kubeconfig.get()))
            : Config.autoConfigure(null);
    config.setConnectionTimeout(CONNECT_TIMEOUT_MS);
    config.setRequestTimeout(REQUEST_TIMEOUT_MS);
    return new KubernetesClientBuilder().withConfig(config).build();
  }
}

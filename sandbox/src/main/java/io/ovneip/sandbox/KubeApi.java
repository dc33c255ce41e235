package io.ovneip.sandbox;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;

/** The embedded Kubernetes API as the sandbox uses it. */
interface KubeApi extends AutoCloseable {

  /** The loopback port kubectl and clients connect to. */
  int port();

  /** A kubeconfig with a plain {@code http://127.0.0.1:PORT} server and no credentials. */
  void writeKubeconfig(Path file);

  /** A client for the sandbox's own components; owned by the API (closed with it). */
  KubernetesClient client();

  @Override
  void close();
}

package io.ovneip.sandbox;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * Interim: fabric8's CRUD mock server as it comes, until {@code io.ovneip.sandbox.kube
 * .EmbeddedKubeApi} (the kubectl-compatible one) lands. fabric8 clients work against it; kubectl
 * mostly does not (no discovery, trap 4 of {@code sandbox-api-notes.md}).
 */
final class MockKubeApi implements KubeApi {
  private final KubernetesMockServer server;
  private final KubernetesClient client;

  private MockKubeApi(KubernetesMockServer server) {
    this.server = server;
    this.client = server.createClient();
  }

  static MockKubeApi start(int port) {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            responses,
            new KubernetesMixedDispatcher(responses),
            false);
    server.init(InetAddress.getLoopbackAddress(), port);
    return new MockKubeApi(server);
  }

  @Override
  public int port() {
    return server.getPort();
  }

  @Override
  public void writeKubeconfig(Path file) {
    try {
      Files.writeString(file, Kubeconfigs.plainHttp(port()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  @Override
  public KubernetesClient client() {
    return client;
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}

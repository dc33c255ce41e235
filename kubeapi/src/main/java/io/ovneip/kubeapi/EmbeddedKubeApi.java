package io.ovneip.kubeapi;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An embedded Kubernetes API on 127.0.0.1 that real {@code kubectl} and fabric8 clients can use:
 * fabric8's CRUD mock server behind a {@link CorrectingDispatcher}, reached through a {@link
 * KubeFront} on the public port. See {@code shared/spec/sandbox-api-notes.md} for the traps this
 * corrects.
 *
 * <pre>{@code
 * try (EmbeddedKubeApi api = EmbeddedKubeApi.start(0)) {
 *   api.writeKubeconfig(dir.resolve("kubeconfig"));
 *   api.client().pods().inNamespace("default").list();
 * }
 * }</pre>
 */
public final class EmbeddedKubeApi implements AutoCloseable {

  /** The Kubernetes version the API reports; kubectl 1.32 warns about skew beyond one minor. */
  public static final String GIT_VERSION = "v1.32.0";

  private static final List<String> INITIAL_NAMESPACES =
      List.of("default", "kube-system", "kube-public", "kube-node-lease");
  private static final int CLIENT_TIMEOUT_MILLIS = 30_000;

  private final KubernetesMockServer mock;
  private final CorrectingDispatcher dispatcher;
  private final KubeFront front;

  /**
   * The mock web server logs every request at INFO through java.util.logging, which would flood a
   * long-running sandbox's log. Held here because java.util.logging keeps loggers weakly: a level
   * set on an unreferenced logger can be forgotten.
   */
  private final Logger mockRequestLog = Logger.getLogger(MockWebServer.class.getName());

  private KubernetesClient client;

  private EmbeddedKubeApi(
      KubernetesMockServer mock, CorrectingDispatcher dispatcher, KubeFront front) {
    this.mock = mock;
    this.dispatcher = dispatcher;
    this.front = front;
    mockRequestLog.setLevel(Level.WARNING);
  }

  /**
   * Starts the API on 127.0.0.1:{@code port} (0 = a free port) with the namespaces every cluster
   * has ({@code default}, {@code kube-system}, {@code kube-public}, {@code kube-node-lease}).
   */
  public static EmbeddedKubeApi start(int port) throws IOException {
    return start(port, false);
  }

  /**
   * Like {@link #start(int)}; with {@code kubeOvn}, the API also serves Kube-OVN's custom resources
   * ({@code vpcs}, {@code subnets}, {@code provider-networks} of {@code kubeovn.io/v1}), so that
   * clients detect a Kube-OVN cluster as they would in a real one.
   */
  public static EmbeddedKubeApi start(int port, boolean kubeOvn) throws IOException {
    KubeResources resources = kubeOvn ? KubeResources.withKubeOvn() : KubeResources.defaults();
    CorrectingDispatcher dispatcher =
        new CorrectingDispatcher(new IndexedCrudDispatcher(), resources, GIT_VERSION);
    KubernetesMockServer mock =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    mock.init(loopback, 0);
    KubeFront front;
    try {
      front = KubeFront.start(port, mock.getPort(), resources, dispatcher, dispatcher.deletions());
    } catch (IOException | RuntimeException e) {
      mock.destroy();
      throw e;
    }
    EmbeddedKubeApi api = new EmbeddedKubeApi(mock, dispatcher, front);
    try {
      for (String name : INITIAL_NAMESPACES) {
        api.client()
            .namespaces()
            .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
            .create();
      }
    } catch (RuntimeException e) {
      api.close();
      throw e;
    }
    return api;
  }

  /** The public port (the one in the kubeconfig). */
  public int port() {
    return front.port();
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String url() {
    return "http://127.0.0.1:" + port();
  }

  /**
   * Writes a kubeconfig for this API: one plain-HTTP cluster, a user without credentials, and a
   * context (namespace {@code default}) set as current.
   */
  public void writeKubeconfig(Path file) {
    String kubeconfig =
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            "- name: ovn-eip-sandbox",
            "  cluster:",
            "    server: " + url(),
            "users:",
            "- name: ovn-eip-sandbox",
            "  user: {}",
            "contexts:",
            "- name: ovn-eip-sandbox",
            "  context:",
            "    cluster: ovn-eip-sandbox",
            "    user: ovn-eip-sandbox",
            "    namespace: default",
            "current-context: ovn-eip-sandbox",
            "preferences: {}",
            "");
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, kubeconfig, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write kubeconfig " + file, e);
    }
  }

  /**
   * A fabric8 client configuration for this API, through the public port like kubectl. Watches are
   * plain HTTP (the front cannot upgrade to WebSocket), which saves a refused upgrade per watch.
   */
  public Config clientConfig() {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(url())
        .withNamespace("default")
        .withOnlyHttpWatches(true)
        .withConnectionTimeout(CLIENT_TIMEOUT_MILLIS)
        .withRequestTimeout(CLIENT_TIMEOUT_MILLIS)
        .build();
  }

  /**
   * JSON Patches refused so far because they did not apply (answered 422): for writes guarded by a
   * {@code test} of the resourceVersion, the races their writers lost.
   */
  public long refusedPatches() {
    return dispatcher.refusedPatches();
  }

  /**
   * Closes every watch open on the public port (a fault the sandbox injects on demand): clients
   * must watch again. Returns how many there were.
   */
  public int dropWatches() {
    return front.dropWatches();
  }

  /** A shared fabric8 client for this API, closed by {@link #close()}. */
  public synchronized KubernetesClient client() {
    if (client == null) {
      client = new KubernetesClientBuilder().withConfig(clientConfig()).build();
    }
    return client;
  }

  /** Stops both servers and every thread they started; safe to call twice. */
  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
      client = null;
    }
    front.close();
    mock.destroy();
  }
}

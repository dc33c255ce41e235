package io.ovneip.kubeapi;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** One embedded API per test class, its kubeconfig in a temp dir, kubectl and a fabric8 client. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KubectlFixture {

  /** The seed's gateway ConfigMap (docs/behaviour.md §2.1). */
  static final String SEED_CONFIG_MAP =
      String.join(
          "\n",
          "apiVersion: v1",
          "kind: ConfigMap",
          "metadata:",
          "  name: ovn-external-gw-config",
          "  namespace: kube-system",
          "data:",
          "  enable-external-gw: \"true\"",
          "  external-gw-nodes: \"kube-ovn-worker\"",
          "  external-gw-nic: \"eth1\"",
          "  external-gw-addr: \"172.56.0.1/16\"",
          "  nic-ip: \"172.56.0.254/16\"",
          "  nic-mac: \"16:52:f3:13:6a:25\"",
          "");

  EmbeddedKubeApi api;
  Kubectl kubectl;
  KubernetesClient client;
  Path dir;

  @BeforeAll
  void startApi() throws IOException {
    dir = Files.createTempDirectory("kubeapi-it");
    api = EmbeddedKubeApi.start(0);
    Path kubeconfig = dir.resolve("kubeconfig");
    api.writeKubeconfig(kubeconfig);
    kubectl = new Kubectl(kubeconfig, dir.resolve("cache"));
    client = api.client();
  }

  @AfterAll
  void stopApi() {
    if (api != null) {
      api.close();
    }
  }

  static String pod(String namespace, String name, String eip) {
    return String.join(
        "\n",
        "apiVersion: v1",
        "kind: Pod",
        "metadata:",
        "  name: " + name,
        "  namespace: " + namespace,
        "  annotations:",
        "    ovn.kubernetes.io/eip: \"" + eip + "\"",
        "spec:",
        "  containers:",
        "  - name: " + name,
        "    image: docker.io/library/nginx:alpine",
        "");
  }

  static String namespace(String name) {
    return "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + name + "\n";
  }

  /** Applies YAML through kubectl's stdin and returns kubectl's output. */
  String apply(String yaml) {
    return kubectl.runWithInput(yaml, "apply", "-f", "-").ok().out();
  }
}

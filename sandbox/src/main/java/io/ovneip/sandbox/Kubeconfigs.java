package io.ovneip.sandbox;

/** kubeconfig text for a local, unauthenticated API server. */
final class Kubeconfigs {
  private Kubeconfigs() {}

  static String plainHttp(int port) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: ovn-eip-sandbox
          cluster:
            server: http://127.0.0.1:%d
        users:
        - name: ovn-eip-sandbox
          user: {}
        contexts:
        - name: ovn-eip-sandbox
          context:
            cluster: ovn-eip-sandbox
            user: ovn-eip-sandbox
            namespace: default
        current-context: ovn-eip-sandbox
        """
        .formatted(port);
  }
}

package io.ovneip.controller.it;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ovneip.kubeapi.EmbeddedKubeApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Each test gets a fresh embedded API and fresh NB/SB servers with Kube-OVN's base topology; both
 * are closed even when the test or a subclass's set-up fails.
 */
abstract class ControllerItBase {
  EmbeddedKubeApi api;
  KubernetesClient client;
  OvnFixture ovn;

  @BeforeEach
  void startApiAndOvn() throws Exception {
    api = EmbeddedKubeApi.start(0);
    client = api.client();
    ovn = new OvnFixture();
    ovn.withBaseTopology();
  }

  @AfterEach
  void stopApiAndOvn() {
    try {
      if (ovn != null) {
        ovn.close();
      }
    } finally {
      if (api != null) {
        api.close();
      }
    }
  }
}

package io.ovneip.sandbox;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ovneip.cli.ObservabilityServer;
import io.ovneip.controller.Controller;
import io.ovneip.controller.ControllerOptions;
import io.ovneip.model.input.GatewaySettings;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the real controller inside the sandbox, configured as a one-replica deployment would be. */
final class ControllerHost {
  private static final Logger LOG = LoggerFactory.getLogger(ControllerHost.class);

  private ControllerHost() {}

  /**
   * Starts the controller with the default names (docs/behaviour.md §2.2) against the sandbox's NB
   * and SB. Leader election stays on, on a Lease in kube-system, exactly as in a cluster: the
   * sandbox shows the product's real start-up path.
   */
  /** The running controller and where its {@code /metrics} are served. */
  record Running(AutoCloseable controller, String metricsUrl) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      controller.close();
    }
  }

  static Running start(KubernetesClient client, String nbRemote, String sbRemote) {
    ControllerOptions options =
        ControllerOptions.forRemotes(
            GatewaySettings.defaults(),
            nbRemote,
            sbRemote,
            new ControllerOptions.Election(
                true, "kube-system", "ovn-eip-controller", "ovn-eip-sandbox"));
    Controller controller = Controller.start(options, client);
    try {
      ObservabilityServer metrics =
          ObservabilityServer.start(
              "127.0.0.1:0", controller.metrics().registry(), () -> true, controller::ready);
      String url = "http://127.0.0.1:" + metrics.port() + "/metrics";
      LOG.info("controller started (NB {}, SB {}), metrics on {}", nbRemote, sbRemote, url);
      return new Running(
          () -> {
            try (controller) {
              metrics.close();
            }
          },
          url);
    } catch (IOException | RuntimeException e) {
      controller.close();
      throw new IllegalStateException("cannot serve the controller's metrics", e);
    }
  }
}

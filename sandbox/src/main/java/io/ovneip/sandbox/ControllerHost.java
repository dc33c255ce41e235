package io.ovneip.sandbox;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ovneip.controller.Controller;
import io.ovneip.controller.ControllerOptions;
import io.ovneip.model.input.GatewaySettings;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the real controller inside the sandbox, configured as a one-replica deployment would be. */
final class ControllerHost {
  private static final Logger LOG = LoggerFactory.getLogger(ControllerHost.class);

  private ControllerHost() {}

  /**
   * Starts the controller with the default names (spec §2.2) against the sandbox's NB and SB.
   * Leader election stays on, on a Lease in kube-system, exactly as in a cluster: the sandbox shows
   * the product's real start-up path.
   */
  static AutoCloseable start(KubernetesClient client, String nbRemote, String sbRemote) {
    ControllerOptions options =
        new ControllerOptions(
            GatewaySettings.defaults(),
            new ControllerOptions.Ovn(
                nbRemote, sbRemote, Optional.empty(), Optional.empty(), Optional.empty()),
            Optional.empty(),
            new ControllerOptions.Election(
                true, "kube-system", "ovn-eip-controller", "ovn-eip-sandbox"),
            Duration.ofMinutes(5),
            Optional.empty());
    Controller controller = Controller.start(options, client);
    LOG.info("controller started (NB {}, SB {})", nbRemote, sbRemote);
    return controller;
  }
}

package io.ovneip.sandbox;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ovneip.controller.Controller;
import io.ovneip.controller.ControllerOptions;
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
            ControllerOptions.Gateway.defaults(),
            new ControllerOptions.Ovn(
                nbRemote, sbRemote, Optional.empty(), Optional.empty(), Optional.empty()),
            Optional.empty(),
            new ControllerOptions.Election(
                true, "kube-system", "ovn-eip-controller", "ovn-eip-sandbox"),
            Duration.ofMinutes(5),
            Optional.empty());
    try {
      return Controller.start(options, client);
    } catch (UnsupportedOperationException e) {
      // The controller is still being written on its own branch; the rest of the sandbox is useful
      // without it (the demo then fails at its first check that needs the controller).
      LOG.warn("controller not available in this build ({}); running without it", e.getMessage());
      return () -> {};
    }
  }
}

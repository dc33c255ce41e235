package io.ovneip.controller;

import io.ovneip.model.input.GatewaySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the controller is configured with (spec §2.2), already parsed. The CLI builds it from
 * flags; tests build it directly.
 */
public record ControllerOptions(
    GatewaySettings gateway,
    Ovn ovn,
    Optional<Path> kubeconfig,
    Election election,
    Duration resyncPeriod,
    Optional<String> metricsAddress) {

  public ControllerOptions {
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(ovn, "ovn");
    Objects.requireNonNull(election, "election");
    if (resyncPeriod.isNegative() || resyncPeriod.isZero()) {
      throw new IllegalArgumentException("resync period must be positive: " + resyncPeriod);
    }
  }

  /** Where OVN's databases are: comma lists of tcp:/ssl:/unix: remotes, and TLS files. */
  public record Ovn(
      String nbAddress,
      String sbAddress,
      Optional<Path> sslKey,
      Optional<Path> sslCert,
      Optional<Path> sslCa) {}

  /** Leader election on a Lease; disabled only for single-replica tests and the sandbox. */
  public record Election(boolean enabled, String namespace, String leaseName, String identity) {}
}

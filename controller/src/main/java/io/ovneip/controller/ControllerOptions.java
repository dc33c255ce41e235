package io.ovneip.controller;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the controller is configured with (spec §2.2), already parsed. The CLI builds it from
 * flags; tests build it directly.
 */
public record ControllerOptions(
    Gateway gateway,
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

  /** Names and tags of the gateway objects (spec §2.2, §3). */
  public record Gateway(
      String configNamespace,
      String externalNet,
      int vlanId,
      String switchName,
      String routerName) {
    public static Gateway defaults() {
      return new Gateway("kube-system", "external", 0, "external", "ovn-cluster");
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

package io.ovneip.controller;

import io.ovneip.controller.kube.RoutedOwner;
import io.ovneip.controller.leader.LeaderGate;
import io.ovneip.model.input.GatewaySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the controller is configured with (docs/behaviour.md §2.2), already parsed. The CLI
 * builds it from flags; tests build it directly.
 */
public record ControllerOptions(
    GatewaySettings gateway,
    Ovn ovn,
    Optional<Path> kubeconfig,
    Election election,
    Duration resyncPeriod,
    RoutedOwner routedOwner,
    Duration gatewayLagThreshold) {

  /**
   * How long a gateway chassis may stay behind one {@code nb_cfg} value while others catch up
   * before it is demoted ({@code --gateway-lag-threshold}, docs/behaviour.md §5.6).
   */
  public static final Duration DEFAULT_GATEWAY_LAG_THRESHOLD = Duration.ofSeconds(30);

  /** With the default gateway lag threshold. */
  public ControllerOptions(
      GatewaySettings gateway,
      Ovn ovn,
      Optional<Path> kubeconfig,
      Election election,
      Duration resyncPeriod,
      RoutedOwner routedOwner) {
    this(
        gateway,
        ovn,
        kubeconfig,
        election,
        resyncPeriod,
        routedOwner,
        DEFAULT_GATEWAY_LAG_THRESHOLD);
  }

  /** With {@code routed}'s owner detected at start ({@link RoutedOwner#AUTO}). */
  public ControllerOptions(
      GatewaySettings gateway,
      Ovn ovn,
      Optional<Path> kubeconfig,
      Election election,
      Duration resyncPeriod) {
    this(gateway, ovn, kubeconfig, election, resyncPeriod, RoutedOwner.AUTO);
  }

  public ControllerOptions {
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(routedOwner, "routedOwner");
    Objects.requireNonNull(ovn, "ovn");
    Objects.requireNonNull(election, "election");
    if (resyncPeriod.isNegative() || resyncPeriod.isZero()) {
      throw new IllegalArgumentException("resync period must be positive: " + resyncPeriod);
    }
    if (gatewayLagThreshold.isNegative() || gatewayLagThreshold.isZero()) {
      throw new IllegalArgumentException(
          "gateway lag threshold must be positive: " + gatewayLagThreshold);
    }
  }

  /**
   * The defaults of docs/behaviour.md §2.2 for plain (non-TLS) remotes, the kubeconfig-less client
   * the caller passes in, and a five-minute resync: what the sandbox, the tests and the benchmark
   * run.
   */
  public static ControllerOptions forRemotes(
      GatewaySettings gateway, String nbRemote, String sbRemote, Election election) {
    return new ControllerOptions(
        gateway,
        new Ovn(nbRemote, sbRemote, Optional.empty(), Optional.empty(), Optional.empty()),
        Optional.empty(),
        election,
        Duration.ofMinutes(5));
  }

  /** The same options with {@code routed}'s owner given ({@code --routed-owner}). */
  public ControllerOptions withRoutedOwner(RoutedOwner owner) {
    return new ControllerOptions(
        gateway, ovn, kubeconfig, election, resyncPeriod, owner, gatewayLagThreshold);
  }

  /** The same options with the gateway lag threshold given ({@code --gateway-lag-threshold}). */
  public ControllerOptions withGatewayLagThreshold(Duration threshold) {
    return new ControllerOptions(
        gateway, ovn, kubeconfig, election, resyncPeriod, routedOwner, threshold);
  }

  /**
   * Where OVN's databases are: comma lists of tcp:/ssl:/unix: remotes, and TLS files; and how long
   * one OVSDB call may take ({@code callTimeout}; tests shorten it to provoke an unknown outcome,
   * docs/behaviour.md §9.2).
   */
  public record Ovn(
      String nbAddress,
      String sbAddress,
      Optional<Path> sslKey,
      Optional<Path> sslCert,
      Optional<Path> sslCa,
      Duration callTimeout) {
    /** The OVSDB client's default call timeout. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);

    public Ovn {
      if (callTimeout.isNegative() || callTimeout.isZero()) {
        throw new IllegalArgumentException("call timeout must be positive: " + callTimeout);
      }
    }

    /** With the default call timeout. */
    public Ovn(
        String nbAddress,
        String sbAddress,
        Optional<Path> sslKey,
        Optional<Path> sslCert,
        Optional<Path> sslCa) {
      this(nbAddress, sbAddress, sslKey, sslCert, sslCa, DEFAULT_CALL_TIMEOUT);
    }
  }

  /** The same options with OVSDB calls bounded by {@code timeout}. */
  public ControllerOptions withCallTimeout(Duration timeout) {
    return new ControllerOptions(
        gateway,
        new Ovn(
            ovn.nbAddress(), ovn.sbAddress(), ovn.sslKey(), ovn.sslCert(), ovn.sslCa(), timeout),
        kubeconfig,
        election,
        resyncPeriod,
        routedOwner,
        gatewayLagThreshold);
  }

  /** Leader election on a Lease; disabled only for single-replica tests and the sandbox. */
  public record Election(
      boolean enabled,
      String namespace,
      String leaseName,
      String identity,
      LeaderGate.Timing timing) {
    public Election {
      Objects.requireNonNull(timing, "timing");
    }

    /** With Kubernetes' default Lease timing. */
    public Election(boolean enabled, String namespace, String leaseName, String identity) {
      this(enabled, namespace, leaseName, identity, LeaderGate.Timing.defaults());
    }
  }
}

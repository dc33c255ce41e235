package io.ovneip.sandbox;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a sandbox keeps its files. Everything it creates lives under {@code dir}, so that {@code
 * down} can remove exactly that and nothing else.
 */
public record SandboxLayout(Path dir) {
  public SandboxLayout {
    dir = dir.toAbsolutePath().normalize();
  }

  /** kubeconfig for the embedded Kubernetes API. */
  public Path kubeconfig() {
    return dir.resolve("kubeconfig");
  }

  /** Shell {@code export} lines: {@code KUBECONFIG}, {@code OVN_NB_DB}, {@code OVN_SB_DB}. */
  public Path env() {
    return dir.resolve("env");
  }

  /** Written last by the daemon once everything is up; holds the endpoints. */
  public Path ready() {
    return dir.resolve("ready");
  }

  /** Written by the daemon when it could not start; holds the reason. */
  public Path failed() {
    return dir.resolve("failed");
  }

  /** One {@code NAME.pid} per process the sandbox started. */
  public Path pids() {
    return dir.resolve("pids");
  }

  public Path daemonPid() {
    return pids().resolve("daemon.pid");
  }

  /** Databases, sockets, pid files and logs of the OVN daemons. */
  public Path ovn() {
    return dir.resolve("ovn");
  }

  /** One dir per node with its Open_vSwitch database. */
  public Path ovs() {
    return dir.resolve("ovs");
  }

  public Path logs() {
    return dir.resolve("logs");
  }

  public Path daemonLog() {
    return logs().resolve("daemon.log");
  }

  /**
   * Present while the sandbox was started with a dataplane: tells {@code down} to reclaim what a
   * crashed daemon left on the machine (namespaces, veths, taps, OVS daemons outside this dir).
   */
  public Path dataplaneMarker() {
    return dir.resolve("dataplane");
  }

  /**
   * Prometheus' file service discovery: the controller's and each agent's /metrics address, written
   * at start ({@link ScrapeTargets}).
   */
  public Path scrapeTargets() {
    return dir.resolve("scrape-targets.json");
  }

  /** The Prometheus of {@code up --prometheus}: its configuration, rules and data. */
  public Path prometheus() {
    return dir.resolve("prometheus");
  }

  /** The files the demo applies. */
  public Path demo() {
    return dir.resolve("demo");
  }

  /** Every entry the sandbox may create in {@code dir}; {@code down} removes these. */
  public List<Path> state() {
    return List.of(
        kubeconfig(),
        env(),
        ready(),
        failed(),
        pids(),
        ovn(),
        ovs(),
        logs(),
        demo(),
        scrapeTargets(),
        prometheus(),
        dataplaneMarker());
  }
}

package io.ovneip.sandbox.fault;

import io.ovneip.sandbox.exec.CommandRunner;
import io.ovneip.testkit.Binaries;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A running sandbox as faults see it: its Northbound remote, its kubeconfig and each node's
 * Open_vSwitch DB remote. Faults act through the stock tools ({@code ovn-nbctl}, {@code ovs-vsctl})
 * and a Kubernetes client, as the programs they play would.
 */
public record FaultTarget(
    String nbRemote, Path kubeconfig, Map<String, String> ovsDbs, CommandRunner runner) {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  public FaultTarget {
    Objects.requireNonNull(nbRemote, "nbRemote");
    Objects.requireNonNull(kubeconfig, "kubeconfig");
    ovsDbs = Map.copyOf(ovsDbs);
    Objects.requireNonNull(runner, "runner");
  }

  /** {@code ovn-nbctl} against the sandbox's NB; returns its output. */
  public String nbctl(String... args) {
    return ctl("ovn-nbctl", nbRemote, args);
  }

  /**
   * {@code ovs-vsctl} against {@code node}'s Open_vSwitch DB; {@code --no-wait}: the sandbox's
   * nodes have a database but not always an ovs-vswitchd to wait for.
   */
  public String vsctl(String node, String... args) {
    List<String> all = new ArrayList<>();
    all.add("--no-wait");
    all.addAll(List.of(args));
    return ctl("ovs-vsctl", ovsDb(node).orElseThrow(), all.toArray(String[]::new));
  }

  /** The node's Open_vSwitch DB remote, if the sandbox has that node. */
  public Optional<String> ovsDb(String node) {
    return Optional.ofNullable(ovsDbs.get(node));
  }

  private String ctl(String binary, String remote, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Binaries.require(binary).toString());
    cmd.add("--db=" + remote);
    cmd.add("--timeout=" + TIMEOUT.toSeconds());
    cmd.addAll(List.of(args));
    return runner.run(TIMEOUT.plusSeconds(5), cmd).orThrow();
  }
}

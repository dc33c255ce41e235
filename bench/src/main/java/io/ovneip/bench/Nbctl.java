package io.ovneip.bench;

import io.ovneip.testkit.Exec;
import io.ovneip.testkit.KubeOvnBaseTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code ovn-nbctl} references: the same rows written the way older Kube-OVN and operators
 * write them. One invocation connects, downloads the database, runs its chained commands (each
 * {@code lr-nat-add}/{@code lr-policy-add} checks for duplicates among the router's rows) and
 * commits them in one transaction.
 */
public final class Nbctl {
  private static final Duration TIMEOUT = Duration.ofMinutes(30);

  private final Path dir;
  private final String db;

  /**
   * {@code db}: a remote or a comma list of a cluster's remotes (nbctl finds the leader). Give it
   * the unix sockets: ovsdb-server probes tcp clients after 5 s of silence and drops them 5 s
   * later, and a single-threaded ovn-nbctl busy with 2,000 chained commands on a loaded machine
   * misses the probe and then waits forever for its lost connection. Deployments raise the probe in
   * the Connection table; unix sockets are never probed, and are, if anything, faster.
   */
  public Nbctl(Path dir, String db) {
    this.dir = dir;
    this.db = db;
  }

  /** One invocation running {@code commands} (already separated by {@code --}). */
  public String run(List<String> commands) {
    List<String> cmd = new ArrayList<>(List.of("ovn-nbctl", "--db=" + db, "--timeout=1800"));
    cmd.addAll(commands);
    Exec.Result r = Exec.run(dir, TIMEOUT, cmd);
    if (r.exitCode() != 0) {
      throw new IllegalStateException(
          "ovn-nbctl failed (exit " + r.exitCode() + "): " + tail(r.output()));
    }
    return r.output();
  }

  public String run(String... args) {
    return run(List.of(args));
  }

  /** Chained commands adding each pod's NAT row and, with {@code policies}, its reroute policy. */
  public static List<String> commands(List<BenchPod> pods, boolean policies) {
    List<String> cmd = new ArrayList<>(pods.size() * (policies ? 14 : 7));
    for (BenchPod p : pods) {
      if (!cmd.isEmpty()) {
        cmd.add("--");
      }
      cmd.addAll(List.of("lr-nat-add", RowOps.ROUTER, p.natType(), p.external(), p.ip()));
      if (policies) {
        cmd.addAll(
            List.of(
                "--",
                "lr-policy-add",
                RowOps.ROUTER,
                Long.toString(RowOps.REROUTE_PRIORITY),
                p.policyMatch(),
                "reroute",
                Addresses.GATEWAY));
      }
    }
    return cmd;
  }

  /**
   * Chained commands adding each pod's Logical_Switch_Port as Kube-OVN's CNI does: the controller
   * trusts a pod's IP only through it (docs/behaviour.md §2.3).
   */
  public static List<String> podPorts(List<BenchPod> pods) {
    List<String> cmd = new ArrayList<>(pods.size() * 16);
    for (BenchPod p : pods) {
      if (!cmd.isEmpty()) {
        cmd.add("--");
      }
      cmd.addAll(KubeOvnBaseTopology.podPortArgs("default", p.name(), p.mac(), p.ip()));
    }
    return cmd;
  }

  /** Kube-OVN's base topology around the router, as the tests start from it. */
  public void baseTopology() {
    run(KubeOvnBaseTopology.nbctlArgs());
  }

  private static String tail(String s) {
    return s.length() <= 2000 ? s : "..." + s.substring(s.length() - 2000);
  }
}

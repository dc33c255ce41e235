package io.ovneip.sandbox;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ovneip.kubeapi.EmbeddedKubeApi;
import io.ovneip.ovsdb.client.OvsdbClient;
import io.ovneip.ovsdb.client.OvsdbClientOptions;
import io.ovneip.sandbox.check.NatRows;
import io.ovneip.sandbox.dataplane.ClusterDataplane;
import io.ovneip.testkit.OvsdbServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The faults {@code ovn-eip sandbox fault} injects, run inside the sandbox's own JVM (which holds
 * the NB servers, the API and the controller processes). Each returns the lines it prints; timed
 * ones return when the fault is over. One at a time ({@link FaultServer} serializes them).
 */
final class Faults {
  /** A fault that cannot be done now; the message says why. */
  static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }

  static final String THIEF = "sandbox-fault-lease-thief";
  private static final Duration LEADER_WAIT = Duration.ofSeconds(30);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
  private static final int LEASE_SECONDS = 15;
  private static final Duration RENEW = Duration.ofSeconds(2);

  private final SandboxLayout layout;
  private final OvnCentral ovn;
  private final EmbeddedKubeApi api;
  private final ControllerProcesses controllers;
  private final Optional<ClusterDataplane> dataplane;

  Faults(
      SandboxLayout layout,
      OvnCentral ovn,
      EmbeddedKubeApi api,
      ControllerProcesses controllers,
      Optional<ClusterDataplane> dataplane) {
    this.layout = layout;
    this.ovn = ovn;
    this.api = api;
    this.controllers = controllers;
    this.dataplane = dataplane;
  }

  /**
   * A node fault on the dataplane ({@code node-crash}, {@code node-restore}, {@code
   * node-link-down}, {@code node-link-up}); refused without a dataplane, or for a node in the wrong
   * state.
   */
  List<String> node(String fault, String node) {
    ClusterDataplane d =
        dataplane.orElseThrow(
            () -> new Refused("the sandbox runs without a dataplane (start it with --dataplane)"));
    if (node == null || node.isBlank()) {
      throw new IllegalArgumentException(fault + " needs a NODE");
    }
    if (!d.has(node)) {
      throw new IllegalArgumentException("no node " + node + " in the sandbox");
    }
    try {
      return switch (fault) {
        case "node-crash" -> d.crash(node);
        case "node-restore" -> d.restore(node);
        case "node-link-down" -> d.linkDown(node);
        case "node-link-up" -> d.linkUp(node);
        default -> throw new IllegalArgumentException("no such node fault: " + fault);
      };
    } catch (IllegalStateException e) {
      throw new Refused(e.getMessage());
    }
  }

  List<String> controllerKill(boolean all) {
    if (all) {
      List<String> done = controllers.killAll();
      return done.isEmpty() ? List.of("no controller was running") : done;
    }
    Optional<Integer> leader = controllers.leader(api.client());
    if (leader.isEmpty()) {
      throw new Refused("no running replica holds the Lease now; use --all to kill every one");
    }
    return List.of(controllers.kill(leader.get()));
  }

  List<String> controllerStart() {
    List<String> started = controllers.startStopped();
    return started.isEmpty()
        ? List.of("every controller replica was running")
        : started.stream().map(s -> "started " + s).toList();
  }

  List<String> nbKillLeader(Duration down) {
    int i = ovn.nbLeader(LEADER_WAIT);
    OvsdbServer server = ovn.nbServers().get(i);
    List<String> out = new ArrayList<>();
    long pid = server.pid();
    server.kill();
    out.add("killed NB " + describe(i) + leaderNote() + " (pid " + pid + ") with SIGKILL");
    sleep(down);
    server.restart();
    ovn.recordNbPids();
    out.add(
        "started NB "
            + describe(i)
            + " again after "
            + down.toSeconds()
            + "s (pid "
            + server.pid()
            + ")");
    return out;
  }

  List<String> nbFreeze(Duration length) {
    int i = ovn.nbLeader(LEADER_WAIT);
    long pid = ovn.nbServers().get(i).pid();
    signal("STOP", pid);
    try {
      sleep(length);
    } finally {
      signal("CONT", pid);
    }
    return List.of(
        "froze NB "
            + describe(i)
            + " (pid "
            + pid
            + ") with SIGSTOP for "
            + length.toSeconds()
            + "s, then SIGCONT");
  }

  List<String> nbRestart() {
    List<OvsdbServer> servers = ovn.nbServers();
    servers.forEach(OvsdbServer::stop);
    servers.forEach(OvsdbServer::restart);
    ovn.recordNbPids();
    return List.of("stopped and started " + servers.size() + " NB server(s) on the same files");
  }

  /**
   * Copies every NB server's file, all frozen at once (SIGSTOP) so the copies are of one moment,
   * and records the foreign rows of that moment (read just before: only tests and operators write
   * foreign rows, never the controller).
   */
  List<String> nbSnapshot() {
    NatRows rows = readNb();
    Path dir = layout.faults().resolve("snapshot");
    List<OvsdbServer> servers = ovn.nbServers();
    createDirectories(dir);
    servers.forEach(s -> signal("STOP", s.pid()));
    try {
      for (OvsdbServer s : servers) {
        copy(s.dbFile(), dir.resolve(s.dbFile().getFileName()));
      }
    } finally {
      servers.forEach(s -> signal("CONT", s.pid()));
    }
    String foreign = String.join("\n", rows.foreignKeys()) + "\n";
    Sandbox.writeAtomically(dir.resolve("foreign-rows"), foreign);
    Sandbox.writeAtomically(layout.foreignRows(), foreign);
    return List.of(
        "saved " + servers.size() + " NB database file(s) in " + dir,
        "recorded " + rows.foreignKeys().size() + " foreign rows in " + layout.foreignRows());
  }

  /** As an operator restoring a backup: stop the servers, put the saved files back, start them. */
  List<String> nbRollback() {
    Path dir = layout.faults().resolve("snapshot");
    if (!Files.exists(dir.resolve("foreign-rows"))) {
      throw new Refused("no NB snapshot in " + dir + ": run the fault nb-snapshot first");
    }
    List<OvsdbServer> servers = ovn.nbServers();
    servers.forEach(OvsdbServer::stop);
    for (OvsdbServer s : servers) {
      copy(dir.resolve(s.dbFile().getFileName()), s.dbFile());
    }
    servers.forEach(OvsdbServer::restart);
    ovn.recordNbPids();
    copy(dir.resolve("foreign-rows"), layout.foreignRows());
    return List.of(
        "stopped " + servers.size() + " NB server(s), restored the snapshot's files, started them",
        "the foreign rows to keep are the snapshot's again");
  }

  List<String> apiDropWatches() {
    return List.of("closed " + api.dropWatches() + " open watches on the Kubernetes API");
  }

  /**
   * Holds the controller's Lease as another identity for {@code length}, renewing it as a live
   * holder would, then stops renewing (as a partitioned replica does): the replicas take it over
   * once it expires.
   */
  List<String> leaseSteal(Duration length) {
    long end = System.nanoTime() + length.toNanos();
    String from = null;
    while (System.nanoTime() < end) {
      String was = holdOnce();
      if (from == null) {
        from = was;
      }
      sleep(RENEW);
    }
    return List.of(
        "held the Lease "
            + ControllerProcesses.LEASE_NAMESPACE
            + "/"
            + ControllerProcesses.LEASE_NAME
            + " as "
            + THIEF
            + " for "
            + length.toSeconds()
            + "s (taken from "
            + (from == null || from.isEmpty() ? "nobody" : from)
            + "); it expires "
            + LEASE_SECONDS
            + "s after the last renewal");
  }

  /** Takes or renews the Lease for the thief; returns the holder it replaced. */
  private String holdOnce() {
    var leases = api.client().leases().inNamespace(ControllerProcesses.LEASE_NAMESPACE);
    for (int attempt = 0; attempt < 5; attempt++) {
      Lease lease = leases.withName(ControllerProcesses.LEASE_NAME).get();
      ZonedDateTime now = ZonedDateTime.now().truncatedTo(ChronoUnit.MICROS);
      try {
        if (lease == null) {
          leases.resource(thiefLease(new LeaseBuilder(), now).build()).create();
          return "";
        }
        String holder = lease.getSpec() == null ? "" : lease.getSpec().getHolderIdentity();
        LeaseBuilder b = new LeaseBuilder(lease);
        b = thiefLease(b, now);
        if (!THIEF.equals(holder)) {
          b.editSpec()
              .withAcquireTime(now)
              .withLeaseTransitions(
                  lease.getSpec() == null || lease.getSpec().getLeaseTransitions() == null
                      ? 1
                      : lease.getSpec().getLeaseTransitions() + 1)
              .endSpec();
        }
        leases.resource(b.build()).update();
        return holder == null ? "" : holder;
      } catch (KubernetesClientException conflict) {
        // A replica renewed in between: read again and retry.
      }
    }
    throw new Refused("could not take the Lease: every attempt lost a write race");
  }

  private static LeaseBuilder thiefLease(LeaseBuilder b, ZonedDateTime now) {
    return b.editOrNewMetadata()
        .withName(ControllerProcesses.LEASE_NAME)
        .withNamespace(ControllerProcesses.LEASE_NAMESPACE)
        .endMetadata()
        .editOrNewSpec()
        .withHolderIdentity(THIEF)
        .withLeaseDurationSeconds(LEASE_SECONDS)
        .withRenewTime(now)
        .endSpec();
  }

  private NatRows readNb() {
    try (OvsdbClient nb = OvsdbClient.connect(OvsdbClientOptions.of(ovn.nbRemote()))) {
      return NatRows.read(nb, READ_TIMEOUT);
    }
  }

  private String describe(int i) {
    return ovn.clustered() ? "member ovnnb_db-" + i : "server ovnnb_db";
  }

  private String leaderNote() {
    return ovn.clustered() ? ", the RAFT leader," : "";
  }

  private static void signal(String signal, long pid) {
    try {
      Process p = new ProcessBuilder("kill", "-s", signal, Long.toString(pid)).start();
      if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("kill -s " + signal + " " + pid + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void copy(Path from, Path to) {
    try {
      Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
    }
  }

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}

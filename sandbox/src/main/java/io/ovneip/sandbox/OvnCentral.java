package io.ovneip.sandbox;

import io.ovneip.testkit.OvnNorthd;
import io.ovneip.testkit.OvsdbCluster;
import io.ovneip.testkit.OvsdbServer;
import io.ovneip.testkit.Schema;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * OVN's central part as Debian's {@code ovn-central} package runs it: NB and SB ovsdb-servers on
 * free loopback ports and ovn-northd between them. All three are detached daemons (they outlive
 * this JVM if it is killed) with their files under one dir; each pid is recorded as soon as it is
 * known so that {@code down} finds it even if this JVM dies before {@link #close}.
 *
 * <p>With {@code nbClusterSize} above 1 the Northbound is a RAFT cluster of that many members on
 * loopback ({@code ovnnb_db-0}, {@code ovnnb_db-1}, ...), as production Kube-OVN runs it; its
 * remote is then the comma list of every member.
 */
final class OvnCentral implements AutoCloseable {
  private final Optional<OvsdbCluster> nbCluster;
  private final List<OvsdbServer> nb;
  private final OvsdbServer sb;
  private final OvnNorthd northd;
  private final Path pidsDir;

  private OvnCentral(
      Optional<OvsdbCluster> nbCluster,
      List<OvsdbServer> nb,
      OvsdbServer sb,
      OvnNorthd northd,
      Path pidsDir) {
    this.nbCluster = nbCluster;
    this.nb = nb;
    this.sb = sb;
    this.northd = northd;
    this.pidsDir = pidsDir;
  }

  static OvnCentral start(Path dir, Path pidsDir, int nbClusterSize) {
    OvsdbCluster cluster = null;
    List<OvsdbServer> nb = List.of();
    OvsdbServer sb = null;
    try {
      if (nbClusterSize > 1) {
        cluster = OvsdbCluster.start(Schema.NB, nbClusterSize, dir, "ovnnb_db");
        OvsdbCluster c = cluster;
        nb = IntStream.range(0, c.size()).mapToObj(c::member).toList();
      } else {
        nb = List.of(OvsdbServer.builder(Schema.NB).dir(dir).name("ovnnb_db").start());
      }
      recordNbPids(pidsDir, nb);
      sb = OvsdbServer.builder(Schema.SB).dir(dir).name("ovnsb_db").start();
      PidRecords.write(pidsDir, "ovnsb_db", sb.pid());
      // TCP rather than the unix sockets: a long sandbox dir could exceed the 108-byte socket
      // limit.
      OvnNorthd northd = OvnNorthd.start(dir, remotes(nb), sb.tcpRemote());
      PidRecords.write(pidsDir, "ovn-northd", northd.pid());
      return new OvnCentral(Optional.ofNullable(cluster), nb, sb, northd, pidsDir);
    } catch (RuntimeException e) {
      stopQuietly(sb, e);
      nb.forEach(m -> stopQuietly(m, e));
      if (cluster != null) {
        cluster.close();
      }
      throw e;
    }
  }

  private static String remotes(List<OvsdbServer> members) {
    return String.join(",", members.stream().map(OvsdbServer::tcpRemote).toList());
  }

  /** {@code ovnnb_db} for a standalone NB, {@code ovnnb_db-N} for cluster members. */
  private static void recordNbPids(Path pidsDir, List<OvsdbServer> members) {
    for (int i = 0; i < members.size(); i++) {
      PidRecords.write(pidsDir, nbPidName(members.size(), i), members.get(i).pid());
    }
  }

  private static String nbPidName(int size, int i) {
    return size == 1 ? "ovnnb_db" : "ovnnb_db-" + i;
  }

  /** After a member was started again: its new pid, so that {@code down} finds it. */
  void recordNbPids() {
    recordNbPids(pidsDir, nb);
  }

  /** The NB's remote: one {@code tcp:} address, or the comma list of a cluster's members. */
  String nbRemote() {
    return remotes(nb);
  }

  /** Every NB server: the standalone one, or each cluster member in order. */
  List<OvsdbServer> nbServers() {
    return nb;
  }

  /**
   * The member that says it leads now (waiting up to {@code timeoutSeconds}); 0 when standalone.
   */
  int nbLeader(java.time.Duration timeout) {
    return nbCluster.map(c -> c.awaitLeader(timeout)).orElse(0);
  }

  boolean clustered() {
    return nbCluster.isPresent();
  }

  /**
   * The SB's unix socket ({@code unix:PATH}): reachable from inside a network namespace, where the
   * root namespace's 127.0.0.1 is not (the dataplane's ovn-controllers use it).
   */
  String sbUnixRemote() {
    return sb.unixRemote();
  }

  String sbRemote() {
    return sb.tcpRemote();
  }

  /** Stops northd, then the databases (SIGTERM, SIGKILL after a while); files stay. */
  @Override
  public void close() {
    RuntimeException failure = null;
    List<Runnable> stops = new java.util.ArrayList<>(List.of(northd::close, sb::stop));
    nb.forEach(m -> stops.add(m::stop));
    for (Runnable stop : stops) {
      try {
        stop.run();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static void stopQuietly(OvsdbServer server, RuntimeException cause) {
    if (server != null) {
      try {
        server.stop();
      } catch (RuntimeException e) {
        cause.addSuppressed(e);
      }
    }
  }
}

package io.ovneip.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A clustered (RAFT) database of {@code size} members on loopback, as production Kube-OVN runs
 * OVN_Northbound: {@code ovsdb-tool create-cluster} for the first member, {@code join-cluster} for
 * the others. Each member is an {@link OvsdbServer} with its own client port and unix socket.
 */
public final class OvsdbCluster implements AutoCloseable {
  private static final Duration CONVERGE = Duration.ofSeconds(30);

  private final Schema schema;
  private final Path dir;
  private final boolean ownsDir;
  private final String prefix;
  private final List<OvsdbServer> members = new ArrayList<>();

  private OvsdbCluster(Schema schema, Path dir, boolean ownsDir, String prefix) {
    this.schema = schema;
    this.dir = dir;
    this.ownsDir = ownsDir;
    this.prefix = prefix;
  }

  /** A 3-member clustered OVN_Northbound. */
  public static OvsdbCluster start() {
    return start(Schema.NB, 3);
  }

  /** Creates and starts the cluster and waits until every member has joined and one leads. */
  public static OvsdbCluster start(Schema schema, int size) {
    return start(new OvsdbCluster(schema, TempDirs.create("ovsdb-cluster-"), true, "m"), size);
  }

  /**
   * A cluster whose files ({@code PREFIX-N.db}, {@code .log}, {@code .pid}, {@code .ctl}, {@code
   * .sock}) live in {@code dir}, which {@link #close()} leaves in place: a long-running sandbox's
   * databases.
   */
  public static OvsdbCluster start(Schema schema, int size, Path dir, String prefix) {
    return start(new OvsdbCluster(schema, dir, false, prefix + "-"), size);
  }

  private static OvsdbCluster start(OvsdbCluster cluster, int size) {
    try {
      cluster.create(size);
      cluster.awaitFormed();
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private void create(int size) {
    List<String> raft = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      raft.add("tcp:127.0.0.1:" + Ports.free());
    }
    Duration t = Duration.ofSeconds(15);
    for (int i = 0; i < size; i++) {
      Path db = dir.resolve(prefix + i + ".db");
      if (i == 0) {
        Exec.check(
            dir,
            t,
            "ovsdb-tool",
            "create-cluster",
            db.toString(),
            schema.file().toString(),
            raft.get(0));
      } else {
        Exec.check(
            dir,
            t,
            "ovsdb-tool",
            "join-cluster",
            db.toString(),
            schema.dbName(),
            raft.get(i),
            raft.get(0));
      }
      members.add(OvsdbServer.builder(schema).dir(dir).name(prefix + i).existingDb(db).start());
    }
  }

  private void awaitFormed() {
    Waits.require(
        CONVERGE,
        "every member of the " + schema.dbName() + " cluster to join",
        () -> members.stream().allMatch(m -> status(m).contains("Status: cluster member")));
    awaitLeader(CONVERGE);
  }

  /** {@code cluster/status} of one member; empty when it does not answer. */
  private String status(OvsdbServer member) {
    if (!member.isRunning()) {
      return "";
    }
    try {
      return member.appctl("cluster/status", schema.dbName());
    } catch (RuntimeException e) {
      return "";
    }
  }

  public int size() {
    return members.size();
  }

  public OvsdbServer member(int i) {
    return members.get(i);
  }

  public String dbName() {
    return schema.dbName();
  }

  /** Comma list of every member's {@code tcp:} remote, as clients take it. */
  public String remotes() {
    return members.stream().map(OvsdbServer::tcpRemote).collect(Collectors.joining(","));
  }

  /** Comma list of every member's {@code unix:} remote. */
  public String unixRemotes() {
    return members.stream().map(OvsdbServer::unixRemote).collect(Collectors.joining(","));
  }

  /** The index of the member that currently says it is leader, or -1 if none does. */
  public int leaderIndex() {
    for (int i = 0; i < members.size(); i++) {
      if (status(members.get(i)).contains("Role: leader")) {
        return i;
      }
    }
    return -1;
  }

  /** Waits until a running member is leader and returns its index. */
  public int awaitLeader(Duration timeout) {
    int[] found = {-1};
    Waits.require(
        timeout,
        "a leader in the " + schema.dbName() + " cluster",
        () -> (found[0] = leaderIndex()) >= 0);
    return found[0];
  }

  /** SIGKILL member {@code i}. */
  public void kill(int i) {
    members.get(i).kill();
  }

  /** Restarts member {@code i} on the same ports and database file. */
  public void restart(int i) {
    members.get(i).restart();
  }

  /** Stops every member and deletes the cluster's dir (unless given one). Idempotent. */
  @Override
  public void close() {
    try {
      for (OvsdbServer m : members) {
        try {
          m.stop();
        } catch (RuntimeException e) {
          // keep stopping the others; SIGKILL was already tried inside stop()
        }
      }
    } finally {
      if (ownsDir) {
        TempDirs.delete(dir);
      }
    }
  }
}

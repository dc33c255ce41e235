package io.ovneip.bench;

import io.ovneip.testkit.OvsdbCluster;
import io.ovneip.testkit.OvsdbServer;
import io.ovneip.testkit.Schema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A fresh OVN_Northbound, standalone or a 3-member RAFT cluster, started by the testkit. */
public final class NbDb implements AutoCloseable {
  /** How the database runs; {@link #label} is what the results call it. */
  public enum Mode {
    STANDALONE("standalone"),
    CLUSTER("cluster3");

    public final String label;

    Mode(String label) {
      this.label = label;
    }

    public static Mode parse(String s) {
      for (Mode m : values()) {
        if (m.label.equals(s) || m.name().equalsIgnoreCase(s)) {
          return m;
        }
      }
      throw new IllegalArgumentException("unknown DB mode " + s + " (standalone, cluster3)");
    }
  }

  private final Mode mode;
  private final OvsdbServer server;
  private final OvsdbCluster cluster;

  private NbDb(Mode mode, OvsdbServer server, OvsdbCluster cluster) {
    this.mode = mode;
    this.server = server;
    this.cluster = cluster;
  }

  public static NbDb start(Mode mode) {
    return mode == Mode.STANDALONE
        ? new NbDb(mode, OvsdbServer.start(Schema.NB), null)
        : new NbDb(mode, null, OvsdbCluster.start(Schema.NB, 3));
  }

  public Mode mode() {
    return mode;
  }

  /** What our client and ovn-nbctl take: the server, or every member (they find the leader). */
  public String tcpRemotes() {
    return server != null ? server.tcpRemote() : cluster.remotes();
  }

  public String unixRemotes() {
    return server != null ? server.unixRemote() : cluster.unixRemotes();
  }

  /** Where the raw client writes: the server, or the current RAFT leader (it alone commits). */
  public String leaderTcpRemote() {
    return server != null
        ? server.tcpRemote()
        : cluster.member(cluster.awaitLeader(Duration.ofSeconds(30))).tcpRemote();
  }

  public Path dir() {
    return server != null ? server.dir() : cluster.member(0).dir();
  }

  /** Pids of every ovsdb-server process, for CPU accounting. */
  public List<Long> pids() {
    if (server != null) {
      return List.of(server.pid());
    }
    List<Long> pids = new ArrayList<>();
    for (int i = 0; i < cluster.size(); i++) {
      pids.add(cluster.member(i).pid());
    }
    return pids;
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    } else {
      cluster.close();
    }
  }
}

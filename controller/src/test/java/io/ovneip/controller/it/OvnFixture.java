package io.ovneip.controller.it;

import io.ovneip.testkit.Exec;
import io.ovneip.testkit.KubeOvnBaseTopology;
import io.ovneip.testkit.OvsdbServer;
import io.ovneip.testkit.Schema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Real NB and SB ovsdb-servers with the part of a Kube-OVN default VPC the controller builds on:
 * the router {@code ovn-cluster}, the switch {@code ovn-default} and its port, the 31000 "inside
 * the cluster" allow policy, and one SB chassis per node. The fixture writes with the real {@code
 * ovn-nbctl}/{@code ovn-sbctl}, as the CNI and an operator would; assertions read back with them
 * too, so the test does not only trust our own reading of the database.
 */
final class OvnFixture implements AutoCloseable {
  private static final Duration CMD_TIMEOUT = Duration.ofSeconds(20);

  final OvsdbServer nb;
  final OvsdbServer sb;
  private int chassisCount;

  OvnFixture() {
    this(OvsdbServer.builder(Schema.NB));
  }

  /** With an NB server of the test's making (e.g. a schema with one more constraint). */
  OvnFixture(OvsdbServer.Builder nbServer) {
    nb = nbServer.start();
    OvsdbServer started = null;
    try {
      started = OvsdbServer.start(Schema.SB);
    } finally {
      if (started == null) {
        nb.close();
      }
    }
    sb = started;
  }

  OvnFixture withBaseTopology() {
    nbctl(KubeOvnBaseTopology.nbctlArgs().toArray(String[]::new));
    return this;
  }

  /**
   * A SB chassis named {@code chassis} whose hostname is {@code hostname}. Each gets its own encap
   * IP: SB's Encap table is unique on (type, ip).
   */
  OvnFixture withChassis(String chassis, String hostname) {
    sbctl("chassis-add", chassis, "geneve", "127.0.0." + (++chassisCount + 1));
    sbctl("set", "chassis", chassis, "hostname=" + hostname);
    return this;
  }

  String nbctl(String... args) {
    return run("ovn-nbctl", nb.tcpRemote(), args);
  }

  String sbctl(String... args) {
    return run("ovn-sbctl", sb.tcpRemote(), args);
  }

  private String run(String tool, String db, String... args) {
    List<String> cmd = new ArrayList<>(List.of(tool, "--db=" + db, "--timeout=15"));
    cmd.addAll(List.of(args));
    return Exec.check(Path.of("."), CMD_TIMEOUT, cmd.toArray(String[]::new));
  }

  @Override
  public void close() {
    try {
      sb.close();
    } finally {
      nb.close();
    }
  }
}

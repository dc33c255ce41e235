package io.ovneip.e2e;

import io.ovneip.testkit.Exec;
import io.ovneip.testkit.KubeOvnBaseTopology;
import io.ovneip.testkit.OvnNorthd;
import io.ovneip.testkit.OvsdbServer;
import io.ovneip.testkit.Schema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Real NB and SB ovsdb-servers and ovn-northd, with the part of Kube-OVN's default VPC this system
 * builds on, written with the real {@code ovn-nbctl} as the CNI would: router {@code ovn-cluster},
 * switch {@code ovn-default} (10.16.0.0/16, router port 10.16.0.1) and the 31000 "destination in
 * the cluster: allow" policy that keeps east-west traffic off the reroute (docs/behaviour.md §7).
 */
final class Ovn implements AutoCloseable {
  private static final Duration CMD = Duration.ofSeconds(20);

  final OvsdbServer nb;
  final OvsdbServer sb;
  final OvnNorthd northd;

  private Ovn(OvsdbServer nb, OvsdbServer sb, OvnNorthd northd) {
    this.nb = nb;
    this.sb = sb;
    this.northd = northd;
  }

  static Ovn start() {
    return start(false);
  }

  /**
   * {@code dualStack}: the base topology's IPv6 half too (fd00:10:16::/64, router port
   * fd00:10:16::1), as a dual-stack Kube-OVN install has it.
   */
  static Ovn start(boolean dualStack) {
    OvsdbServer nb = OvsdbServer.start(Schema.NB);
    OvsdbServer sb = null;
    try {
      sb = OvsdbServer.start(Schema.SB);
      OvnNorthd northd = OvnNorthd.start(nb.dir(), nb.tcpRemote(), sb.tcpRemote());
      Ovn ovn = new Ovn(nb, sb, northd);
      ovn.nbctl(KubeOvnBaseTopology.nbctlArgs(dualStack).toArray(String[]::new));
      return ovn;
    } catch (RuntimeException e) {
      if (sb != null) {
        sb.close();
      }
      nb.close();
      throw e;
    }
  }

  /**
   * The CNI's part of creating a pod: its logical switch port with "MAC IP" ({@code ip} may be
   * "IPv4 IPv6" for a dual-stack pod, as Kube-OVN writes it).
   */
  void addPodPort(String port, String mac, String ip) {
    nbctl("lsp-add", "ovn-default", port, "--", "lsp-set-addresses", port, mac + " " + ip);
  }

  void removePodPort(String port) {
    nbctl("--if-exists", "lsp-del", port);
  }

  /**
   * Returns once every chassis has caught up with the NB ({@code --wait=hv}, bounded: pitfall 4).
   */
  void syncHv() {
    nbctl("--wait=hv", "sync");
  }

  /** Rows (any table) that this system owns for {@code owner}, e.g. {@code pod/default/a}. */
  int ownedRows(String table, String owner) {
    String uuids =
        nbctl(
                "--bare",
                "--columns=_uuid",
                "find",
                table,
                "external_ids:ovn-eip-owner=\"" + owner + "\"")
            .trim();
    return uuids.isEmpty() ? 0 : uuids.split("\\s+").length;
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
    return Exec.check(nb.dir(), CMD, cmd.toArray(String[]::new));
  }

  @Override
  public void close() {
    try {
      northd.close();
    } finally {
      try {
        sb.close();
      } finally {
        nb.close();
      }
    }
  }
}

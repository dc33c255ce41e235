package io.ovneip.testkit.dataplane;

import io.ovneip.testkit.Exec;
import io.ovneip.testkit.OvsdbServer;
import io.ovneip.testkit.Schema;
import io.ovneip.testkit.Waits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One chassis of a {@link Cluster}, in its own network namespace: its Open_vSwitch DB (in the root
 * namespace, reached through its unix socket, which works from any namespace), {@code ovs-vswitchd}
 * with the userspace datapath and {@code ovn-controller} (both inside the namespace, with the run
 * dir of this node alone: multinode lab notes, traps 2 and 3), its underlay NIC {@code eth0} in
 * {@code br-phy} carrying the Geneve endpoint, and its NIC on the external network. The faults a
 * node can suffer are here: a crash, its return, its underlay link cut and restored.
 */
public final class ClusterNode {
  private static final Duration VSCTL = Duration.ofSeconds(15);
  private static final Duration READY = Duration.ofSeconds(30);
  static final String UNDERLAY_PREFIX = "192.168.100.";

  private final ClusterOptions.NodeSpec spec;
  private final int index;
  private final Netns netns;
  private final Path dir;
  private final String sbRemote;
  private final String fabricUnderlay;
  private final String fabricNic;
  private OvsdbServer ovsdb;
  private NodeDaemon vswitchd;
  private NodeDaemon ovnController;

  ClusterNode(ClusterOptions.NodeSpec spec, int index, Path dir, String sbRemote) {
    this.spec = spec;
    this.index = index;
    this.dir = dir;
    this.sbRemote = sbRemote;
    this.netns = new Netns(Cluster.PREFIX + "n" + index, dir);
    this.fabricUnderlay = "u-n" + index;
    this.fabricNic = "x-n" + index;
  }

  public String name() {
    return spec.name();
  }

  public String chassis() {
    return spec.chassis();
  }

  /** The node's network namespace ({@code mn-nI}): its NICs, taps, daemons. */
  public Netns netns() {
    return netns;
  }

  /** The Geneve endpoint ({@code ovn-encap-ip}), on the {@code br-phy} tap. */
  public String encapIp() {
    return UNDERLAY_PREFIX + index;
  }

  /** The fabric's end of this node's underlay link (in the fabric namespace). */
  public String fabricUnderlay() {
    return fabricUnderlay;
  }

  /** The fabric's end of this node's external NIC: capture here to see what the node sends out. */
  public String fabricNic() {
    return fabricNic;
  }

  /** The Open_vSwitch DB remote ({@code unix:...sock}), for the node's agent and ovs-vsctl. */
  public String ovsDb() {
    return ovsdb.unixRemote();
  }

  public Path dir() {
    return dir;
  }

  /**
   * Start order of the lab notes (§2 step 5): DB, init, external_ids, vswitchd, {@code br-phy} with
   * the underlay NIC and the encap address on its tap, then ovn-controller.
   */
  void start(HostLock lock) {
    ovsdb = OvsdbServer.builder(Schema.OPEN_VSWITCH).dir(dir).name("conf").start();
    lock.record("pid", ovsdb.pid() + " " + dir);
    vsctl("--no-wait", "init");
    vsctl(
        "--no-wait",
        "set",
        "Open_vSwitch",
        ".",
        "external_ids:system-id=" + chassis(),
        "external_ids:hostname=" + name(),
        "external_ids:ovn-remote=" + sbRemote,
        "external_ids:ovn-encap-type=geneve",
        "external_ids:ovn-encap-ip=" + encapIp(),
        "external_ids:ovn-bridge-datapath-type=netdev",
        // Trap 12: with the default 10 s, datapath flows cached while a chassis was standby
        // survive a quick switch back and cost ~500 ms.
        "other_config:max-idle=1000");
    startDaemons(lock);
    Waits.require(READY, "ovn-controller of " + name() + " to create br-int", this::hasBrInt);
  }

  private void startDaemons(HostLock lock) {
    vswitchd =
        NodeDaemon.start(
            dir, netns.name(), "ovs-vswitchd", "ovs-vswitchd", true, List.of(ovsdb.unixRemote()));
    lock.record("pid", vswitchd.pid() + " " + dir);
    // Userspace tunnelling: the endpoint address lives on br-phy's tap, the NIC is its port
    // (trap 4). may-exist: on a restart the bridge is still in the DB.
    vsctl(
        "--may-exist",
        "add-br",
        "br-phy",
        "--",
        "set",
        "Bridge",
        "br-phy",
        "datapath_type=netdev",
        "other_config:hwaddr=02:00:00:ff:00:0" + index,
        "--",
        "--may-exist",
        "add-port",
        "br-phy",
        "eth0");
    // After a crash the address was on the old tap (trap 11): replace, not add.
    netns.check(VSCTL, "ip", "addr", "replace", encapIp() + "/24", "dev", "br-phy");
    netns.check(VSCTL, "ip", "link", "set", "br-phy", "mtu", "9000", "up");
    ovnController =
        NodeDaemon.start(
            dir,
            netns.name(),
            "ovn-controller",
            "ovn-controller",
            false,
            List.of(ovsdb.unixRemote()));
    lock.record("pid", ovnController.pid() + " " + dir);
  }

  private boolean hasBrInt() {
    return Exec.run(dir, VSCTL, vsctlCommand("br-exists", "br-int")).exitCode() == 0;
  }

  /** {@code ovs-vsctl --db=<this node's> --timeout=10 args...}; fails on a non-zero exit. */
  public String vsctl(String... args) {
    return Exec.check(dir, VSCTL, vsctlCommand(args).toArray(String[]::new));
  }

  private List<String> vsctlCommand(String... args) {
    List<String> cmd =
        new ArrayList<>(List.of("ovs-vsctl", "--db=" + ovsdb.unixRemote(), "--timeout=10"));
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** {@code ovs-appctl} against this node's ovs-vswitchd. */
  public String appctl(String... args) {
    return vswitchd.appctl(args);
  }

  /** Whether the node's ovs-vswitchd and ovn-controller both run. */
  public synchronized boolean running() {
    return vswitchd != null && vswitchd.alive() && ovnController != null && ovnController.alive();
  }

  /**
   * The node dies hard: {@code kill -9} of its ovs-vswitchd and ovn-controller (the datapath and
   * BFD are in vswitchd, so this is what makes the others fail over: lab notes §3.3). Returns the
   * killed pids. Refused when the node is down already.
   */
  public synchronized List<Long> crash() {
    if (!running()) {
      throw new IllegalStateException("node " + name() + " is not running");
    }
    List<Long> pids = List.of(vswitchd.pid(), ovnController.pid());
    vswitchd.kill();
    ovnController.kill();
    return pids;
  }

  /**
   * The crashed node comes back: ovs-vswitchd and ovn-controller start again on the same DB (the
   * persistent taps are reattached, the underlay address re-added: trap 11). Returns the new pids.
   */
  public synchronized List<Long> restore(HostLock lock) {
    if (running()) {
      throw new IllegalStateException("node " + name() + " is running");
    }
    if (vswitchd.alive()) {
      vswitchd.kill();
    }
    if (ovnController.alive()) {
      ovnController.kill();
    }
    startDaemons(lock);
    return List.of(vswitchd.pid(), ovnController.pid());
  }

  /** Each Geneve interface's name, remote and BFD status, one a line: for failure messages. */
  public String bfdStatus() {
    if (!running()) {
      return name() + ": down";
    }
    Exec.Result r =
        Exec.run(
            dir,
            VSCTL,
            vsctlCommand(
                "--columns=name,options,bfd,bfd_status", "find", "Interface", "type=geneve"));
    return name() + ":\n" + r.output();
  }

  /**
   * Whether BFD is up on every Geneve interface of this node that has it (false while the node is
   * down). ovn-controller enables BFD only between gateway chassis and towards chassis that need a
   * gateway, i.e. that have ports of the router's datapaths (lab notes §1).
   */
  public boolean bfdUp() {
    List<String> s = bfdStates();
    return running()
        && s.stream().allMatch(l -> l.contains("state=up") && l.contains("forwarding=true"));
  }

  /** How many BFD sessions this node runs now (0 while it is down). */
  public int bfdSessions() {
    return bfdStates().size();
  }

  private List<String> bfdStates() {
    if (!running()) {
      return List.of();
    }
    Exec.Result r =
        Exec.run(
            dir,
            VSCTL,
            vsctlCommand("--bare", "--columns=bfd_status", "find", "Interface", "type=geneve"));
    if (r.exitCode() != 0) {
      return List.of();
    }
    return r.output().lines().filter(l -> l.contains("state=")).toList();
  }

  /** Stops the daemons in the order of pitfall 5 and the DB; the namespace is the cluster's. */
  void stop(Teardown t) {
    if (ovnController != null) {
      t.step("stop ovn-controller of " + name(), () -> ovnController.stop());
    }
    if (vswitchd != null && vswitchd.alive()) {
      t.step("delete the bridges of " + name(), this::deleteBridges);
      t.step("stop ovs-vswitchd of " + name(), () -> vswitchd.stop("--cleanup"));
    }
    if (ovsdb != null) {
      t.step("stop the Open_vSwitch DB of " + name(), ovsdb::stop);
    }
  }

  private void deleteBridges() {
    for (String br : vsctl("list-br").split("\\s+")) {
      if (!br.isBlank()) {
        vsctl("--if-exists", "del-br", br);
      }
    }
  }

  @Override
  public String toString() {
    return "node " + name() + " (" + netns.name() + ", chassis " + chassis() + ")";
  }
}

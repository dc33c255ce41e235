package io.ovneip.testkit.dataplane;

import io.ovneip.testkit.Exec;
import io.ovneip.testkit.OvsdbServer;
import io.ovneip.testkit.Schema;
import io.ovneip.testkit.TempDirs;
import io.ovneip.testkit.Waits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real OVS + OVN node that carries packets: the Open_vSwitch DB, {@code ovs-vswitchd} with the
 * userspace datapath, {@code ovn-controller} registered as one chassis (the gateway node), pods as
 * network namespaces on {@code br-int}, and the outside host behind the gateway NIC.
 *
 * <p>The OVN databases and {@code ovn-northd} are not part of it (the caller owns them and passes
 * the SB remote); nor is the agent, which creates {@code br-external} and the bridge mapping from
 * the ConfigMap, exactly as on a real node.
 *
 * <p>One per machine at a time ({@link HostLock}); {@link #close()} removes everything it started
 * or created, in the order the lab notes require (pitfall 5), even after a failed start.
 */
public final class Dataplane implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Dataplane.class);
  private static final Duration READY = Duration.ofSeconds(30);
  private static final Duration VSCTL = Duration.ofSeconds(15);

  /** Taps a netdev ovs-vswitchd creates whatever the bridges are called (pitfall 8). */
  private static final List<String> SYSTEM_TAPS = List.of("ovs-netdev", "br-int");

  private final DataplaneOptions options;
  private final Path dir;
  private final HostLock lock;
  private final Plumbing plumbing;
  private final Map<String, PodNetns> pods = new LinkedHashMap<>();
  private OvsdbServer ovsdb;
  private NodeDaemon vswitchd;
  private NodeDaemon ovnController;
  private OutsideHost outside;
  private int podSeq;
  private boolean closed;

  private Dataplane(DataplaneOptions options, Path dir, HostLock lock, String netnsPrefix) {
    this.options = options;
    this.dir = dir;
    this.lock = lock;
    this.plumbing = new Plumbing(dir, lock, netnsPrefix);
  }

  /**
   * Starts the node and creates the outside host; returns once {@code br-int} exists and the
   * chassis is registered in the SB. Refuses (throws, touching nothing) when another dataplane runs
   * or a machine-wide name it needs is taken by something it did not create.
   */
  public static Dataplane start(DataplaneOptions options) {
    return start(options, Plumbing.DEFAULT_NETNS_PREFIX);
  }

  /**
   * As {@link #start(DataplaneOptions)}, with network namespaces named {@code <netnsPrefix>-...}
   * instead of {@code ovneip-...}.
   */
  public static Dataplane start(DataplaneOptions options, String netnsPrefix) {
    Path dir = TempDirs.create("ovneip-dp-");
    HostLock lock;
    try {
      Preflight.check(dir);
      lock = HostLock.acquire(dir);
    } catch (RuntimeException e) {
      TempDirs.delete(dir);
      throw e;
    }
    Dataplane dp = new Dataplane(options, dir, lock, netnsPrefix);
    try {
      dp.refuseTakenNames();
      lock.record("dir", dir.toString());
      dp.startNode();
      dp.outside = dp.plumbing.createOutside(options.gatewayNic(), options.outsideAddress());
      LOG.info(
          "dataplane up in {}: chassis {} (node {}), NIC {} -> outside {}",
          dir,
          options.chassis(),
          options.hostname(),
          options.gatewayNic(),
          options.outsideAddress());
      return dp;
    } catch (RuntimeException e) {
      try {
        dp.close();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * Removes what a dataplane whose process died left behind (daemons, links, namespaces, its dir),
   * as listed in its manifest; for {@code sandbox down} after a crash. Refuses while a live
   * dataplane holds the lock. Returns without doing anything when nothing was left.
   */
  public static void reclaimLeftovers() {
    Path scratch = TempDirs.create("ovneip-reclaim-");
    try {
      HostLock.acquire(scratch).close();
    } finally {
      TempDirs.delete(scratch);
    }
  }

  /**
   * Why no dataplane can run on this machine (a missing tool, with the command that installs it;
   * not root), or empty when it can. For callers that fall back to running without one.
   */
  public static Optional<String> whyNot() {
    Path scratch = TempDirs.create("ovneip-preflight-");
    try {
      Preflight.check(scratch);
      return Optional.empty();
    } catch (IllegalStateException e) {
      return Optional.of(e.getMessage());
    } finally {
      TempDirs.delete(scratch);
    }
  }

  private void refuseTakenNames() {
    List<String> taken = new ArrayList<>();
    List<String> wanted = new ArrayList<>(SYSTEM_TAPS);
    wanted.addAll(options.bridges());
    for (String link : wanted) {
      if (Links.exists(link)) {
        taken.add(link);
      }
    }
    if (!taken.isEmpty()) {
      throw new IllegalStateException(
          "refusing to start: network links "
              + taken
              + " exist, so another Open vSwitch with the userspace datapath runs (or ran) on this"
              + " machine; these names are machine-wide (stop it, or delete the links if nothing"
              + " uses them)");
    }
    if (Links.exists(options.gatewayNic())) {
      throw new IllegalStateException(
          "refusing to start: a network link named '"
              + options.gatewayNic()
              + "' exists and this dataplane did not create it; the gateway NIC must be a veth"
              + " the dataplane creates for the outside host (choose another external-gw-nic)");
    }
    if (Links.netnsExists(plumbing.outsideNetns())) {
      throw new IllegalStateException(
          "refusing to start: network namespace " + plumbing.outsideNetns() + " exists already");
    }
    // From here on these names are ours: a crash leaves them for the next owner to reclaim.
    for (String link : wanted) {
      lock.record("link", link);
    }
  }

  /** Start order from the lab notes: DB, init, external_ids, vswitchd, then ovn-controller. */
  private void startNode() {
    ovsdb = OvsdbServer.builder(Schema.OPEN_VSWITCH).dir(dir).name("conf").start();
    lock.record("pid", ovsdb.pid() + " " + dir);
    // --no-wait: no ovs-vswitchd yet, plain ovs-vsctl would wait for it forever (pitfall 4).
    vsctl("--no-wait", "init");
    vsctl(
        "--no-wait",
        "set",
        "Open_vSwitch",
        ".",
        "external_ids:system-id=" + options.chassis(),
        "external_ids:hostname=" + options.hostname(),
        "external_ids:ovn-remote=" + options.sbRemote(),
        "external_ids:ovn-encap-type=geneve",
        "external_ids:ovn-encap-ip=" + options.encapIp(),
        // Before ovn-controller creates br-int: without it "failed to open datapath" (no kernel
        // module here, userspace datapath only).
        "external_ids:ovn-bridge-datapath-type=netdev");
    vswitchd =
        NodeDaemon.start(dir, "ovs-vswitchd", "ovs-vswitchd", true, List.of(ovsdb.unixRemote()));
    lock.record("pid", vswitchd.pid() + " " + dir);
    ovnController =
        NodeDaemon.start(
            dir, "ovn-controller", "ovn-controller", false, List.of(ovsdb.unixRemote()));
    lock.record("pid", ovnController.pid() + " " + dir);
    Waits.require(READY, "ovn-controller to create br-int", () -> bridgeExists("br-int"));
    Waits.require(READY, "chassis " + options.chassis() + " in the SB", this::chassisRegistered);
  }

  private boolean bridgeExists(String bridge) {
    return Exec.run(dir, VSCTL, vsctlCommand("br-exists", bridge)).exitCode() == 0;
  }

  private boolean chassisRegistered() {
    Exec.Result r =
        Exec.run(
            dir,
            VSCTL,
            List.of(
                "ovn-sbctl",
                "--db=" + options.sbRemote(),
                "--timeout=5",
                "--bare",
                "--columns=name",
                "find",
                "Chassis",
                "name=" + options.chassis()));
    return r.exitCode() == 0 && r.output().contains(options.chassis());
  }

  /** The Open_vSwitch DB remote ({@code unix:...sock}), for the agent and {@code ovs-vsctl}. */
  public String ovsDb() {
    return ovsdb.unixRemote();
  }

  public DataplaneOptions options() {
    return options;
  }

  /** Where every DB, socket, pid file and log lives. */
  public Path dir() {
    return dir;
  }

  public OutsideHost outside() {
    return outside;
  }

  /** {@code ovs-vsctl --db=<ours> --timeout=10 args...}; fails on a non-zero exit. */
  public String vsctl(String... args) {
    return Exec.check(dir, VSCTL, vsctlCommand(args).toArray(String[]::new));
  }

  private List<String> vsctlCommand(String... args) {
    List<String> cmd =
        new ArrayList<>(List.of("ovs-vsctl", "--db=" + ovsdb.unixRemote(), "--timeout=10"));
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** {@code ovs-appctl} against our ovs-vswitchd, e.g. {@code dpctl/dump-conntrack}. */
  public String appctl(String... args) {
    return vswitchd.appctl(args);
  }

  /** Forgets every conntrack entry: established flows keep their old NAT otherwise (pitfall 2). */
  public void flushConntrack() {
    appctl("dpctl/flush-conntrack");
  }

  /**
   * Creates the pod's namespace and veth and plugs the host end into {@code br-int} with {@code
   * external_ids:iface-id=<pod>.<namespace>}. The logical switch port is the CNI's business (the
   * caller's); ovn-controller binds the two once both exist.
   */
  public synchronized PodNetns addPod(PodSpec spec) {
    if (pods.containsKey(spec.ovnPort())) {
      throw new IllegalStateException("pod " + spec.ovnPort() + " exists already");
    }
    PodNetns pod = plumbing.createPod(spec, "ovneip-p" + (++podSeq));
    pods.put(spec.ovnPort(), pod);
    vsctl(
        "add-port",
        "br-int",
        pod.hostIf(),
        "--",
        "set",
        "Interface",
        pod.hostIf(),
        "external_ids:iface-id=" + spec.ovnPort());
    return pod;
  }

  /**
   * Waits until ovn-controller has installed the pod's flows ({@code
   * Interface.external_ids:ovn-installed}); needs the logical switch port in the NB.
   */
  public void awaitInstalled(PodNetns pod, Duration timeout) {
    Waits.require(
        timeout,
        "ovn-controller to install " + pod.spec().ovnPort(),
        () ->
            Exec.run(
                    dir,
                    VSCTL,
                    vsctlCommand(
                        "--if-exists",
                        "get",
                        "Interface",
                        pod.hostIf(),
                        "external_ids:ovn-installed"))
                .output()
                .contains("true"));
  }

  /** Unplugs and removes the pod's veth and namespace. Idempotent. */
  public synchronized void removePod(PodNetns pod) {
    if (pods.remove(pod.spec().ovnPort()) == null) {
      return;
    }
    vsctl("--if-exists", "del-port", "br-int", pod.hostIf());
    plumbing.removePod(pod);
  }

  /**
   * The network namespace of a pod {@code namespace/name} ({@code ip netns exec <it> ...}), whether
   * or not it exists yet: for {@code sandbox netns NAMESPACE/POD}.
   */
  public static String netnsName(String namespace, String pod) {
    return Plumbing.netnsName(
        new PodSpec(namespace, pod, "00:00:00:00:00:00", "0.0.0.0", 0, "0.0.0.0"));
  }

  /**
   * What every namespace name of a dataplane started without a prefix of its own starts with:
   * {@code ovneip-}, or the environment variable {@code OVN_EIP_NETNS_PREFIX} and a dash.
   */
  public static String netnsPrefix() {
    return Plumbing.DEFAULT_NETNS_PREFIX + "-";
  }

  /**
   * The outside host's namespace name of a dataplane started without a prefix of its own, e.g. for
   * {@code OVN_EIP_OUTSIDE_NETNS}.
   */
  public static String outsideNetnsName() {
    return Plumbing.outsideNetns(Plumbing.DEFAULT_NETNS_PREFIX);
  }

  /** The outside host's interface inside its namespace (the gateway NIC's veth peer). */
  public static String outsideIfaceName() {
    return Plumbing.OUTSIDE_IFACE;
  }

  /** Pids of the daemons this dataplane started (Open_vSwitch DB, vswitchd, ovn-controller). */
  public List<Long> daemonPids() {
    List<Long> pids = new ArrayList<>();
    if (ovsdb != null) {
      pids.add(ovsdb.pid());
    }
    if (vswitchd != null) {
      pids.add(vswitchd.pid());
    }
    if (ovnController != null) {
      pids.add(ovnController.pid());
    }
    return pids;
  }

  /** The pods plugged in now. */
  public synchronized List<PodNetns> pods() {
    return List.copyOf(pods.values());
  }

  /** Stops and removes everything, in the order of pitfall 5; collects and rethrows failures. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    Teardown t = new Teardown(LOG);
    for (PodNetns pod : List.copyOf(pods.values())) {
      t.step("remove pod " + pod.spec().ovnPort(), () -> plumbing.removePod(pod));
    }
    pods.clear();
    // ovn-controller first: it recreates br-int while it runs.
    if (ovnController != null) {
      t.step("stop ovn-controller", () -> ovnController.stop());
    }
    if (vswitchd != null && vswitchd.alive()) {
      t.step("delete bridges", this::deleteBridges);
    }
    // --cleanup: netdev bridges leave persistent tap devices behind otherwise.
    if (vswitchd != null) {
      t.step("stop ovs-vswitchd", () -> vswitchd.stop("--cleanup"));
    }
    if (ovsdb != null) {
      t.step("remove leftover taps", this::removeTaps);
      t.step("stop the Open_vSwitch ovsdb-server", ovsdb::stop);
    }
    if (outside != null) {
      t.step("remove the outside host", () -> plumbing.removeOutside(outside));
    }
    if (!Boolean.getBoolean("ovneip.dataplane.keep")) {
      t.step("delete " + dir, () -> TempDirs.delete(dir));
    }
    t.step("release the dataplane lock", lock::close);
    t.rethrow();
  }

  private void deleteBridges() {
    for (String br : vsctl("list-br").split("\\s+")) {
      if (!br.isBlank()) {
        vsctl("--if-exists", "del-br", br);
      }
    }
  }

  /** Only the names refused-if-present at start: everything else is not ours. */
  private void removeTaps() {
    List<String> ours = new ArrayList<>(SYSTEM_TAPS);
    ours.addAll(options.bridges());
    for (String link : ours) {
      Links.deleteLink(dir, link);
    }
  }
}

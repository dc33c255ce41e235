package io.ovneip.testkit.dataplane;

import io.ovneip.testkit.Exec;
import io.ovneip.testkit.TempDirs;
import io.ovneip.testkit.Waits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several real chassis on one machine, joined by Geneve: every node is a network namespace with its
 * own Open_vSwitch DB, {@code ovs-vswitchd} (userspace datapath, userspace tunnelling) and {@code
 * ovn-controller} ({@link ClusterNode}); a fabric namespace holds the "physical" world, one Linux
 * bridge for the underlay and one for the external network, where every node's NIC and the outside
 * host are. Pods are namespaces on the node they are scheduled to. The recipe is the multinode lab
 * notes' (§2); every name it creates starts with {@value #PREFIX}.
 *
 * <p>Like {@link Dataplane}, the OVN databases and ovn-northd are the caller's, and the agents
 * create {@code br-external} and the bridge mapping. Nothing is created in the root namespace, so a
 * cluster can run beside a one-chassis {@link Dataplane}; two clusters cannot (one lock).
 */
public final class Cluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);
  private static final Duration READY = Duration.ofSeconds(30);
  private static final Duration CMD = Duration.ofSeconds(15);

  /** Every namespace of a cluster starts with this. */
  public static final String PREFIX = "mn-";

  static final String FABRIC = PREFIX + "fab";
  static final String OUTSIDE = PREFIX + "outside";
  private static final String UNDERLAY_BRIDGE = "br-ul";
  private static final String EXTERNAL_BRIDGE = "br-ext";
  private static final String OUTSIDE_IFACE = "ext0";
  private static final String OUTSIDE_FABRIC_END = "x-out";

  private final ClusterOptions options;
  private final Path dir;
  private final HostLock lock;
  private final Netns fabric;
  private final Map<String, ClusterNode> nodes = new LinkedHashMap<>();
  private final Map<String, PodNetns> pods = new LinkedHashMap<>();
  private final Map<String, ClusterNode> podNodes = new LinkedHashMap<>();
  private OutsideHost outside;
  private String sbRemote;
  private int podSeq;
  private boolean closed;

  private Cluster(ClusterOptions options, Path dir, HostLock lock) {
    this.options = options;
    this.dir = dir;
    this.lock = lock;
    this.fabric = new Netns(FABRIC, dir);
  }

  /**
   * Builds the fabric, the outside host and every node; returns once every chassis is in the SB.
   * Refuses (touching nothing) when another cluster runs.
   */
  public static Cluster start(ClusterOptions options) {
    long t0 = System.nanoTime();
    Path dir = TempDirs.create("ovneip-mn-");
    HostLock lock;
    try {
      Preflight.check(dir);
      lock = HostLock.acquire(dir, HostLock.CLUSTER_LOCK, HostLock.CLUSTER_MANIFEST);
    } catch (RuntimeException e) {
      TempDirs.delete(dir);
      throw e;
    }
    Cluster c = new Cluster(options, dir, lock);
    try {
      lock.record("dir", dir.toString());
      c.linkSb();
      c.buildFabric();
      int i = 0;
      for (ClusterOptions.NodeSpec spec : options.nodes()) {
        i++;
        Path nodeDir = dir.resolve("n" + i);
        try {
          java.nio.file.Files.createDirectories(nodeDir);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        ClusterNode node = new ClusterNode(spec, i, nodeDir, c.sbRemote);
        c.nodes.put(spec.name(), node);
        c.wire(node);
      }
      for (ClusterNode node : c.nodes.values()) {
        node.start(lock);
      }
      for (ClusterNode node : c.nodes.values()) {
        Waits.require(READY, "chassis " + node.chassis() + " in the SB", () -> c.inSb(node));
      }
      LOG.info(
          "cluster up in {} ms: {} nodes in {}",
          (System.nanoTime() - t0) / 1_000_000,
          c.nodes.size(),
          dir);
      return c;
    } catch (RuntimeException e) {
      try {
        c.close();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * Every ovn-controller reaches the SB through a symbolic link in this cluster's short temp dir: a
   * unix socket path is limited to 108 bytes, and the caller's may live in a long dir.
   */
  private void linkSb() {
    Path target = Path.of(options.sbRemote().substring("unix:".length()));
    Path link = dir.resolve("sb.sock");
    try {
      java.nio.file.Files.createSymbolicLink(link, target.toAbsolutePath());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot link " + link + " to " + target, e);
    }
    sbRemote = "unix:" + link;
  }

  /** The fabric namespace with its two bridges, and the outside host on the external one. */
  private void buildFabric() {
    for (String ns : List.of(FABRIC, OUTSIDE)) {
      if (Links.netnsExists(ns)) {
        throw new IllegalStateException(
            "refusing to start: network namespace "
                + ns
                + " exists and this cluster did not"
                + " create it");
      }
    }
    addNetns(FABRIC);
    for (String br : List.of(UNDERLAY_BRIDGE, EXTERNAL_BRIDGE)) {
      fabric.check(
          CMD, "ip", "link", "add", br, "type", "bridge", "stp_state", "0", "forward_delay", "0");
      fabric.check(CMD, "ip", "link", "set", br, "up");
    }
    addNetns(OUTSIDE);
    Netns out = new Netns(OUTSIDE, dir);
    fabric.check(
        CMD,
        "ip",
        "link",
        "add",
        OUTSIDE_FABRIC_END,
        "type",
        "veth",
        "peer",
        "name",
        OUTSIDE_IFACE,
        "netns",
        OUTSIDE);
    plug(OUTSIDE_FABRIC_END, EXTERNAL_BRIDGE, 1500);
    for (String one : options.outsideAddress().split(",")) {
      // nodad: an address in DAD is "tentative" and neither sends nor answers for ~1-2 s.
      out.check(CMD, "ip", "addr", "add", one, "dev", OUTSIDE_IFACE, "nodad");
    }
    out.check(CMD, "ip", "link", "set", OUTSIDE_IFACE, "up");
    Links.txOff(dir, OUTSIDE, OUTSIDE_IFACE);
    outside = new OutsideHost(out, OUTSIDE_IFACE, OUTSIDE_FABRIC_END, options.outsideAddress());
  }

  /**
   * The node's namespace, its underlay link ({@code eth0}, MTU 9000: Geneve adds ~58 bytes, trap 5)
   * and its external NIC, both veths to the fabric with TX offload off on every end (trap 17).
   */
  private void wire(ClusterNode node) {
    String ns = node.netns().name();
    if (Links.netnsExists(ns)) {
      throw new IllegalStateException("refusing to start: network namespace " + ns + " exists");
    }
    addNetns(ns);
    veth(node.fabricUnderlay(), "eth0", ns, 9000);
    plug(node.fabricUnderlay(), UNDERLAY_BRIDGE, 9000);
    veth(node.fabricNic(), options.nic(), ns, 1500);
    plug(node.fabricNic(), EXTERNAL_BRIDGE, 1500);
  }

  private void addNetns(String ns) {
    lock.record("netns", ns);
    Links.ip(dir, "netns", "add", ns);
    Links.ip(dir, "-n", ns, "link", "set", "lo", "up");
    if (!options.dualStack()) {
      // IPv6 off: no router solicitations or DAD noise in captures, as in the lab.
      Exec.run(
          dir,
          CMD,
          List.of(
              "ip", "netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1"));
      return;
    }
    // Dual stack: IPv6 on, duplicate address detection off for every interface made here from now
    // on (a tentative address neither sends nor answers neighbour discovery for a second or two).
    for (String conf : List.of("default", "all")) {
      Exec.run(
          dir,
          CMD,
          List.of(
              "ip",
              "netns",
              "exec",
              ns,
              "sysctl",
              "-q",
              "-w",
              "net.ipv6.conf." + conf + ".accept_dad=0"));
    }
  }

  private void veth(String fabricEnd, String nodeEnd, String ns, int mtu) {
    fabric.check(
        CMD,
        "ip",
        "link",
        "add",
        fabricEnd,
        "mtu",
        Integer.toString(mtu),
        "type",
        "veth",
        "peer",
        "name",
        nodeEnd,
        "mtu",
        Integer.toString(mtu),
        "netns",
        ns);
    Links.txOff(dir, ns, nodeEnd);
    Links.ip(dir, "-n", ns, "link", "set", nodeEnd, "up");
  }

  private void plug(String fabricEnd, String bridge, int mtu) {
    Links.txOff(dir, FABRIC, fabricEnd);
    fabric.check(
        CMD, "ip", "link", "set", fabricEnd, "master", bridge, "mtu", Integer.toString(mtu));
    fabric.check(CMD, "ip", "link", "set", fabricEnd, "up");
  }

  private boolean inSb(ClusterNode node) {
    Exec.Result r =
        Exec.run(
            dir,
            CMD,
            List.of(
                "ovn-sbctl",
                "--db=" + sbRemote,
                "--timeout=5",
                "--bare",
                "--columns=name",
                "find",
                "Chassis",
                "name=" + node.chassis()));
    return r.exitCode() == 0 && r.output().contains(node.chassis());
  }

  public ClusterOptions options() {
    return options;
  }

  public Path dir() {
    return dir;
  }

  /** The nodes, in the configured order. */
  public List<ClusterNode> nodes() {
    return List.copyOf(nodes.values());
  }

  /** The node named {@code name}; fails for an unknown one. */
  public ClusterNode node(String name) {
    ClusterNode n = nodes.get(name);
    if (n == null) {
      throw new IllegalArgumentException(
          "no node " + name + " in this cluster; nodes: " + nodes.keySet());
    }
    return n;
  }

  /** The fabric namespace: capture on a node's {@link ClusterNode#fabricNic()} here. */
  public Netns fabric() {
    return fabric;
  }

  public OutsideHost outside() {
    return outside;
  }

  /** The node crashes hard ({@code kill -9} of vswitchd and ovn-controller); the killed pids. */
  public List<Long> crash(String node) {
    return node(node).crash();
  }

  /** The crashed node's daemons start again on the same DB; the new pids. */
  public List<Long> restore(String node) {
    return node(node).restore(lock);
  }

  /** Cuts the node's underlay link (its fabric end goes down): BFD to it fails. */
  public void linkDown(String node) {
    fabric.check(CMD, "ip", "link", "set", node(node).fabricUnderlay(), "down");
  }

  /** Restores the node's underlay link. */
  public void linkUp(String node) {
    fabric.check(CMD, "ip", "link", "set", node(node).fabricUnderlay(), "up");
  }

  /** Whether BFD is up on every Geneve interface of every running node. */
  public boolean bfdUpEverywhere() {
    return nodes.values().stream().filter(ClusterNode::running).allMatch(ClusterNode::bfdUp);
  }

  /**
   * A pod on {@code node}: its namespace ({@code mn-pod-<namespace>-<name>}), a veth whose host end
   * is in the node's namespace and a port of its {@code br-int} with {@code iface-id}. MTU 1400, as
   * Kube-OVN sets it, so Geneve's overhead fits any underlay (trap 5).
   */
  public synchronized PodNetns addPod(String node, PodSpec spec) {
    ClusterNode n = node(node);
    if (pods.containsKey(spec.ovnPort())) {
      throw new IllegalStateException("pod " + spec.ovnPort() + " exists already");
    }
    String podNs = podNetnsName(spec.namespace(), spec.name());
    if (Links.netnsExists(podNs)) {
      throw new IllegalStateException("pod " + spec.ovnPort() + " already has namespace " + podNs);
    }
    String hostIf = "p" + (++podSeq);
    addNetns(podNs);
    Netns pns = new Netns(podNs, dir);
    n.netns()
        .check(
            CMD, "ip", "link", "add", hostIf, "type", "veth", "peer", "name", "eth0", "netns",
            podNs);
    pns.check(CMD, "ip", "link", "set", "eth0", "address", spec.mac(), "mtu", "1400");
    pns.check(CMD, "ip", "addr", "add", spec.ip() + "/" + spec.prefix(), "dev", "eth0");
    pns.check(CMD, "ip", "link", "set", "eth0", "up");
    pns.check(CMD, "ip", "route", "add", "default", "via", spec.gateway());
    if (!spec.ip6().isEmpty()) {
      pns.check(
          CMD, "ip", "addr", "add", spec.ip6() + "/" + spec.prefix6(), "dev", "eth0", "nodad");
      pns.check(CMD, "ip", "-6", "route", "add", "default", "via", spec.gateway6());
    }
    Links.txOff(dir, podNs, "eth0");
    Links.txOff(dir, n.netns().name(), hostIf);
    n.netns().check(CMD, "ip", "link", "set", hostIf, "up");
    n.vsctl(
        "add-port",
        "br-int",
        hostIf,
        "--",
        "set",
        "Interface",
        hostIf,
        "external_ids:iface-id=" + spec.ovnPort());
    PodNetns pod = new PodNetns(spec, pns, hostIf);
    pods.put(spec.ovnPort(), pod);
    podNodes.put(spec.ovnPort(), n);
    return pod;
  }

  /** Waits until the pod's node has installed its flows ({@code ovn-installed}). */
  public void awaitInstalled(PodNetns pod, Duration timeout) {
    ClusterNode n = nodeOf(pod);
    Waits.require(
        timeout,
        "ovn-controller of " + n.name() + " to install " + pod.spec().ovnPort(),
        () -> {
          try {
            return n.vsctl(
                    "--if-exists", "get", "Interface", pod.hostIf(), "external_ids:ovn-installed")
                .contains("true");
          } catch (RuntimeException e) {
            return false;
          }
        });
  }

  /** The node a pod is on. */
  public synchronized ClusterNode nodeOf(PodNetns pod) {
    ClusterNode n = podNodes.get(pod.spec().ovnPort());
    if (n == null) {
      throw new IllegalArgumentException("no pod " + pod.spec().ovnPort() + " in this cluster");
    }
    return n;
  }

  /** Unplugs and removes the pod's veth and namespace. Idempotent. */
  public synchronized void removePod(PodNetns pod) {
    if (pods.remove(pod.spec().ovnPort()) == null) {
      return;
    }
    ClusterNode n = podNodes.remove(pod.spec().ovnPort());
    if (n.running()) {
      n.vsctl("--if-exists", "del-port", "br-int", pod.hostIf());
    }
    Links.deleteNetns(dir, pod.netns().name());
  }

  /** The pods plugged in now. */
  public synchronized List<PodNetns> pods() {
    return List.copyOf(pods.values());
  }

  /** The pod on {@code node} called {@code namespace/name}, if plugged in. */
  public synchronized Optional<PodNetns> pod(String namespace, String name) {
    return Optional.ofNullable(pods.get(name + "." + namespace));
  }

  /** {@code mn-pod-<namespace>-<pod>}, whether or not it exists: for {@code sandbox netns}. */
  public static String podNetnsName(String namespace, String pod) {
    return (PREFIX + "pod-" + namespace + "-" + pod).replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  /** The outside host's interface inside its namespace. */
  public static String outsideIfaceName() {
    return OUTSIDE_IFACE;
  }

  /**
   * Removes what a cluster whose process died left behind (daemons, namespaces, its dir), as listed
   * in its manifest; for {@code sandbox down} after a crash. Refuses while a live cluster holds the
   * lock.
   */
  public static void reclaimLeftovers() {
    Path scratch = TempDirs.create("ovneip-reclaim-");
    try {
      HostLock.acquire(scratch, HostLock.CLUSTER_LOCK, HostLock.CLUSTER_MANIFEST).close();
    } finally {
      TempDirs.delete(scratch);
    }
  }

  /** The outside host's namespace name. */
  public static String outsideNetnsName() {
    return OUTSIDE;
  }

  /** Stops every node and removes every namespace; collects and rethrows failures. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    Teardown t = new Teardown(LOG);
    for (PodNetns pod : List.copyOf(pods.values())) {
      t.step(
          "remove pod " + pod.spec().ovnPort(), () -> Links.deleteNetns(dir, pod.netns().name()));
    }
    pods.clear();
    for (ClusterNode n : nodes.values()) {
      n.stop(t);
    }
    // Deleting a node's namespace also removes the taps a killed vswitchd left (trap 3).
    for (ClusterNode n : nodes.values()) {
      t.step("delete " + n.netns().name(), () -> Links.deleteNetns(dir, n.netns().name()));
    }
    t.step("delete " + OUTSIDE, () -> Links.deleteNetns(dir, OUTSIDE));
    t.step("delete " + FABRIC, () -> Links.deleteNetns(dir, FABRIC));
    if (!Boolean.getBoolean("ovneip.dataplane.keep")) {
      t.step("delete " + dir, () -> TempDirs.delete(dir));
    }
    t.step("release the cluster lock", lock::close);
    t.rethrow();
  }
}

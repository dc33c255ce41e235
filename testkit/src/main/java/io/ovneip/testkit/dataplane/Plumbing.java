package io.ovneip.testkit.dataplane;

import java.nio.file.Path;

/**
 * Creates and removes the namespaces and veths of pods and the outside host. Every name goes into
 * the {@link HostLock} manifest before the link exists, so even a crash half-way is reclaimable.
 */
final class Plumbing {
  static final String OUTSIDE_NETNS = "ovneip-outside";
  static final String OUTSIDE_IFACE = "ext0";
  private static final String POD_IFACE = "eth0";

  /** The default prefix of the namespaces' names. */
  static final String DEFAULT_NETNS_PREFIX = "ovneip";

  private final Path dir;
  private final HostLock lock;
  private final String netnsPrefix;

  /**
   * @param netnsPrefix starts every namespace name ({@code <prefix>-outside}, {@code
   *     <prefix>-<namespace>-<pod>}), so tests that must keep their namespaces apart can
   */
  Plumbing(Path dir, HostLock lock, String netnsPrefix) {
    this.dir = dir;
    this.lock = lock;
    this.netnsPrefix = netnsPrefix;
  }

  /** The outside host's namespace name. */
  String outsideNetns() {
    return netnsPrefix + "-outside";
  }

  /**
   * The outside host: namespace + veth {@code nic <-> ext0}, the gateway address on {@code ext0},
   * no other route (so replies only reach pods through NAT). TX offload off on both ends (pitfall
   * 1: inbound TCP to an EIP would otherwise reach conntrack with partial checksums).
   */
  OutsideHost createOutside(String nic, String cidr) {
    Netns ns = new Netns(outsideNetns(), dir);
    lock.record("netns", ns.name());
    Links.ip(dir, "netns", "add", ns.name());
    lock.record("link", nic);
    Links.ip(
        dir, "link", "add", nic, "type", "veth", "peer", "name", OUTSIDE_IFACE, "netns", ns.name());
    Links.ip(dir, "-n", ns.name(), "addr", "add", cidr, "dev", OUTSIDE_IFACE);
    Links.ip(dir, "-n", ns.name(), "link", "set", "lo", "up");
    Links.ip(dir, "-n", ns.name(), "link", "set", OUTSIDE_IFACE, "up");
    Links.txOff(dir, ns.name(), OUTSIDE_IFACE);
    Links.txOff(dir, null, nic);
    Links.ip(dir, "link", "set", nic, "up");
    return new OutsideHost(ns, OUTSIDE_IFACE, nic, cidr);
  }

  void removeOutside(OutsideHost outside) {
    Links.deleteLink(dir, outside.nic());
    Links.deleteNetns(dir, outside.netns().name());
  }

  /**
   * A pod: namespace, veth {@code hostIf <-> eth0}, the CNI's MAC and IP, default route via the
   * subnet gateway, TX offload off inside (pitfall 1) and on the host end.
   */
  PodNetns createPod(PodSpec spec, String hostIf) {
    Netns ns = new Netns(netnsName(netnsPrefix, spec), dir);
    if (Links.netnsExists(ns.name()) || Links.exists(hostIf)) {
      throw new IllegalStateException(
          "pod "
              + spec.ovnPort()
              + " already has a namespace or veth ("
              + ns.name()
              + ", "
              + hostIf
              + ")");
    }
    lock.record("netns", ns.name());
    Links.ip(dir, "netns", "add", ns.name());
    lock.record("link", hostIf);
    Links.ip(
        dir, "link", "add", hostIf, "type", "veth", "peer", "name", POD_IFACE, "netns", ns.name());
    Links.ip(dir, "-n", ns.name(), "link", "set", POD_IFACE, "address", spec.mac());
    Links.ip(
        dir, "-n", ns.name(), "addr", "add", spec.ip() + "/" + spec.prefix(), "dev", POD_IFACE);
    Links.ip(dir, "-n", ns.name(), "link", "set", "lo", "up");
    Links.ip(dir, "-n", ns.name(), "link", "set", POD_IFACE, "up");
    Links.ip(dir, "-n", ns.name(), "route", "add", "default", "via", spec.gateway());
    Links.txOff(dir, ns.name(), POD_IFACE);
    Links.txOff(dir, null, hostIf);
    Links.ip(dir, "link", "set", hostIf, "up");
    return new PodNetns(spec, ns, hostIf);
  }

  void removePod(PodNetns pod) {
    Links.deleteLink(dir, pod.hostIf());
    Links.deleteNetns(dir, pod.netns().name());
  }

  /** {@code ovneip-<namespace>-<pod>}: namespace names are file names, not limited to 15 bytes. */
  static String netnsName(PodSpec spec) {
    return netnsName(DEFAULT_NETNS_PREFIX, spec);
  }

  static String netnsName(String prefix, PodSpec spec) {
    return (prefix + "-" + spec.namespace() + "-" + spec.name()).replaceAll("[^A-Za-z0-9_.-]", "_");
  }
}

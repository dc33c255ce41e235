package io.ovneip.testkit.dataplane;

import java.nio.file.Path;

/**
 * Creates and removes the namespaces and veths of pods and the outside host. Every name goes into
 * the {@link HostLock} manifest before the link exists, so even a crash half-way is reclaimable.
 */
final class Plumbing {
  /**
   * The default prefix of every namespace a dataplane creates ({@code <prefix>-outside}, {@code
   * <prefix>-<namespace>-<pod>}): {@code ovneip} unless the environment variable {@code
   * OVN_EIP_NETNS_PREFIX} says otherwise (several people sharing one machine keep their namespaces
   * apart; bridges stay machine-wide, see {@link HostLock}).
   */
  static final String DEFAULT_NETNS_PREFIX = defaultNetnsPrefix();

  static final String OUTSIDE_IFACE = "ext0";
  private static final String POD_IFACE = "eth0";

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
    return outsideNetns(netnsPrefix);
  }

  static String outsideNetns(String netnsPrefix) {
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
    noDad(ns.name());
    lock.record("link", nic);
    Links.ip(
        dir, "link", "add", nic, "type", "veth", "peer", "name", OUTSIDE_IFACE, "netns", ns.name());
    for (String one : cidr.split(",")) {
      // nodad: an address in DAD is "tentative" and neither sends nor answers for ~1-2 s.
      Links.ip(dir, "-n", ns.name(), "addr", "add", one, "dev", OUTSIDE_IFACE, "nodad");
    }
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
    noDad(ns.name());
    lock.record("link", hostIf);
    Links.ip(
        dir, "link", "add", hostIf, "type", "veth", "peer", "name", POD_IFACE, "netns", ns.name());
    Links.ip(dir, "-n", ns.name(), "link", "set", POD_IFACE, "address", spec.mac());
    Links.ip(
        dir, "-n", ns.name(), "addr", "add", spec.ip() + "/" + spec.prefix(), "dev", POD_IFACE);
    Links.ip(dir, "-n", ns.name(), "link", "set", "lo", "up");
    Links.ip(dir, "-n", ns.name(), "link", "set", POD_IFACE, "up");
    Links.ip(dir, "-n", ns.name(), "route", "add", "default", "via", spec.gateway());
    if (spec.dualStack()) {
      Links.ip(
          dir,
          "-n",
          ns.name(),
          "addr",
          "add",
          spec.ip6() + "/" + spec.prefix6(),
          "dev",
          POD_IFACE,
          "nodad");
      Links.ip(dir, "-n", ns.name(), "-6", "route", "add", "default", "via", spec.gateway6());
    }
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

  private static String defaultNetnsPrefix() {
    String p = System.getenv("OVN_EIP_NETNS_PREFIX");
    if (p == null || p.isBlank()) {
      return "ovneip";
    }
    // "v6-" and "v6" name the same namespaces: the separator is ours.
    p = p.endsWith("-") ? p.substring(0, p.length() - 1) : p;
    if (!p.matches("[A-Za-z0-9_.-]{1,32}")) {
      throw new IllegalStateException("OVN_EIP_NETNS_PREFIX must match [A-Za-z0-9_.-]{1,32}: " + p);
    }
    return p;
  }

  /**
   * Duplicate address detection off for every interface created in the namespace from now on (both
   * veth ends are born there or moved in later and take {@code default}'s value): a tentative IPv6
   * address, link-local ones included, neither sends nor answers neighbour discovery for the first
   * second or two, which a test would read as a broken dataplane.
   */
  private void noDad(String netns) {
    for (String conf : new String[] {"default", "all"}) {
      Links.ip(
          dir,
          "netns",
          "exec",
          netns,
          "sysctl",
          "-q",
          "-w",
          "net.ipv6.conf." + conf + ".accept_dad=0");
    }
  }
}

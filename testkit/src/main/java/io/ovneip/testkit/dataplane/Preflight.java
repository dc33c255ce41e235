package io.ovneip.testkit.dataplane;

import io.ovneip.testkit.Binaries;
import io.ovneip.testkit.Exec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fails fast, naming the fix, when the machine cannot run a dataplane: a missing tool (with the
 * {@code apt-get} command that installs it), the wrong netcat, or no root. Tests never skip: they
 * fail with this message.
 */
final class Preflight {
  /** Tool -> Debian package. */
  private static final Map<String, String> TOOLS =
      Map.ofEntries(
          Map.entry("ovsdb-server", "openvswitch-switch"),
          Map.entry("ovs-vswitchd", "openvswitch-switch"),
          Map.entry("ovs-vsctl", "openvswitch-switch"),
          Map.entry("ovs-appctl", "openvswitch-switch"),
          Map.entry("ovn-controller", "ovn-host"),
          Map.entry("ovn-sbctl", "ovn-common"),
          Map.entry("ip", "iproute2"),
          Map.entry("ethtool", "ethtool"),
          Map.entry("tcpdump", "tcpdump"),
          Map.entry("ping", "iputils-ping"),
          Map.entry("nc", "netcat-openbsd"),
          Map.entry("bash", "bash"),
          Map.entry("timeout", "coreutils"));

  private Preflight() {}

  static void check(Path dir) {
    List<String> missing = new ArrayList<>();
    for (var tool : TOOLS.entrySet()) {
      try {
        Binaries.require(tool.getKey());
      } catch (IllegalStateException e) {
        missing.add(tool.getValue());
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "the dataplane needs tools that are not installed; install them with: apt-get install -y "
              + String.join(" ", missing.stream().distinct().sorted().toList()));
    }
    // The probes rely on OpenBSD netcat's -z/-k and its "Connection received on" log line.
    String nc = Exec.run(dir, Duration.ofSeconds(5), List.of("nc", "-h")).output();
    if (!nc.contains("OpenBSD")) {
      throw new IllegalStateException(
          "nc is not OpenBSD netcat; install it with: apt-get install -y netcat-openbsd"
              + " (and: update-alternatives --set nc /bin/nc.openbsd)");
    }
    // Network namespaces, veths and OVS's AF_PACKET sockets need CAP_NET_ADMIN/CAP_NET_RAW.
    String uid = Exec.run(dir, Duration.ofSeconds(5), List.of("bash", "-c", "id -u")).output();
    if (!uid.trim().equals("0")) {
      throw new IllegalStateException(
          "the dataplane needs root (network namespaces, veths, OVS's userspace datapath);"
              + " run as root or with sudo");
    }
  }
}

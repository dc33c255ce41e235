package io.ovneip.testkit.dataplane;

import io.ovneip.testkit.Exec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ip link} / {@code ip netns} / {@code ethtool} in the root namespace, each with a deadline.
 * Existence checks read {@code /sys/class/net} and {@code /run/netns}: no process needed.
 */
final class Links {
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Path NETNS_DIR = Path.of("/run/netns");

  private Links() {}

  /** True when a network link of this name exists in the root namespace. */
  static boolean exists(String link) {
    return Files.exists(Path.of("/sys/class/net", link));
  }

  static boolean netnsExists(String name) {
    return Files.exists(NETNS_DIR.resolve(name));
  }

  /** Runs {@code ip args...}; fails with the output on a non-zero exit. */
  static String ip(Path dir, String... args) {
    List<String> cmd = new ArrayList<>(List.of("ip"));
    cmd.addAll(List.of(args));
    return Exec.check(dir, TIMEOUT, cmd.toArray(String[]::new));
  }

  /**
   * Deletes a link we created, if it is still there. Deleting one end of a veth removes the pair;
   * it is done explicitly because {@code ip netns del} frees veths asynchronously (pitfall 5).
   */
  static void deleteLink(Path dir, String link) {
    if (exists(link)) {
      Exec.run(dir, TIMEOUT, List.of("ip", "link", "del", link));
    }
  }

  /**
   * Deletes a namespace we created, first killing whatever still runs inside it (a probe or capture
   * someone forgot to close, or one orphaned by a crash): every process in it is ours, and a live
   * process would keep the namespace and its veth alive after {@code ip netns del}.
   */
  static void deleteNetns(Path dir, String name) {
    if (!netnsExists(name)) {
      return;
    }
    Exec.Result pids = Exec.run(dir, TIMEOUT, List.of("ip", "netns", "pids", name));
    if (pids.exitCode() == 0) {
      for (String pid : pids.output().split("\\s+")) {
        if (pid.matches("\\d+")) {
          ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
        }
      }
    }
    Exec.run(dir, TIMEOUT, List.of("ip", "netns", "del", name));
  }

  /**
   * Turns TX checksum offload off on a veth end (pitfall 1): otherwise packets reach OVS with
   * partial checksums, userspace conntrack marks them invalid, NAT is skipped and pod addresses
   * leak out for TCP and UDP while ICMP still works. {@code netns} null: the root namespace.
   */
  static void txOff(Path dir, String netns, String link) {
    List<String> cmd = new ArrayList<>();
    if (netns != null) {
      cmd.addAll(List.of("ip", "netns", "exec", netns));
    }
    cmd.addAll(List.of("ethtool", "-K", link, "tx", "off"));
    Exec.Result r = Exec.run(dir, TIMEOUT, cmd);
    if (r.exitCode() != 0) {
      throw new IllegalStateException("cannot turn TX offload off on " + link + ": " + r.output());
    }
  }
}

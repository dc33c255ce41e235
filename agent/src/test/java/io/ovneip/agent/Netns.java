package io.ovneip.agent;

import io.ovneip.testkit.Exec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace of the test's own, with a name unique to this JVM: links, addresses and
 * routes made in it never touch the host's interfaces or another test's. Deleted on close (its veth
 * links go with it).
 */
final class Netns implements AutoCloseable {
  private static final AtomicInteger COUNT = new AtomicInteger();
  private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));
  private static final Duration T = Duration.ofSeconds(10);

  final String name;

  private Netns(String name) {
    this.name = name;
  }

  static Netns create() {
    Netns ns =
        new Netns("ovneip-nic-" + ProcessHandle.current().pid() + "-" + COUNT.incrementAndGet());
    Exec.check(TMP, T, "ip", "netns", "add", ns.name);
    return ns;
  }

  /** Runs {@code ip -n <ns> args...}. */
  void ip(String... args) {
    List<String> cmd = new ArrayList<>(List.of("ip", "-n", name));
    cmd.addAll(List.of(args));
    Exec.check(TMP, T, cmd.toArray(String[]::new));
  }

  /**
   * A link, up, with {@code addresses} (CIDR): one end of a veth pair whose peer {@code <link>p}
   * stays in the namespace too (the dummy driver is not available on every kernel).
   */
  void link(String link, String... addresses) {
    ip("link", "add", link, "type", "veth", "peer", "name", link + "p");
    ip("link", "set", link + "p", "up");
    ip("link", "set", link, "up");
    for (String a : addresses) {
      ip("address", "add", a, "dev", link);
    }
  }

  /** The production probe, pointed at this namespace. */
  NicProbe probe() {
    return new IpRouteProbe(List.of("ip", "-n", name));
  }

  @Override
  public void close() {
    Exec.run(TMP, T, List.of("ip", "netns", "del", name));
  }
}

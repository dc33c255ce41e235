package io.ovneip.testkit.dataplane;

import io.ovneip.testkit.Waits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code tcpdump} on one interface inside a namespace: the wire's own account of what went past,
 * independent of what the applications at either end report. Started once, read many times.
 */
public final class Capture implements AutoCloseable {
  private static final Duration START = Duration.ofSeconds(10);

  private final Background tcpdump;

  private Capture(Background tcpdump) {
    this.tcpdump = tcpdump;
  }

  /**
   * Captures on {@code iface} in {@code netns}, with an optional pcap {@code filter} (e.g. "not
   * arp"; empty: every frame). {@code --immediate-mode} hands each packet over at once (otherwise
   * libpcap may hold packets for up to a second); {@code -l} flushes each line.
   */
  public static Capture start(Netns netns, String iface, String filter) {
    List<String> cmd =
        new ArrayList<>(
            List.of("tcpdump", "-i", iface, "-n", "-l", "-tt", "-e", "--immediate-mode"));
    if (!filter.isBlank()) {
      cmd.addAll(List.of(filter.trim().split("\\s+")));
    }
    Background b = netns.spawn("tcpdump-" + iface, cmd.toArray(String[]::new));
    return new Capture(b.awaitStderr("listening on", START));
  }

  /** Every frame captured so far, oldest first. */
  public List<Packet> packets() {
    List<Packet> result = new ArrayList<>();
    for (String line : tcpdump.stdout().split("\n")) {
      Packet.parse(line).ifPresent(result::add);
    }
    return result;
  }

  /** Frames captured so far that match. */
  public List<Packet> packets(Predicate<Packet> match) {
    return packets().stream().filter(match).toList();
  }

  /** The first frame that matches, waiting up to {@code timeout} for it. */
  public Optional<Packet> await(Predicate<Packet> match, Duration timeout) {
    Waits.poll(timeout, () -> packets().stream().anyMatch(match));
    return packets().stream().filter(match).findFirst();
  }

  /** tcpdump's raw text, for failure messages. */
  public String text() {
    return tcpdump.stdout();
  }

  @Override
  public void close() {
    tcpdump.close();
  }
}

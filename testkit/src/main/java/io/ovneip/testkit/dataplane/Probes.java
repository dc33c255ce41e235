package io.ovneip.testkit.dataplane;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Small traffic probes with the tools Debian ships ({@code ping}, netcat-openbsd {@code nc}, bash's
 * {@code /dev/udp}). Each probe is a new process and therefore a new flow: established flows keep
 * their old NAT after a rule change (pitfall 2), new ones do not.
 */
public final class Probes {
  /** Slack on top of a probe's own deadline before the process itself is killed. */
  private static final Duration SLACK = Duration.ofSeconds(3);

  private static final Pattern RECEIVED = Pattern.compile("Connection received on (\\S+) (\\d+)");

  private Probes() {}

  /** One ICMP echo from {@code from} to {@code dst}; true when the reply came within the wait. */
  public static boolean ping(Netns from, String dst, Duration wait) {
    long secs = Math.max(1, wait.toSeconds());
    return from.run(wait.plus(SLACK), "ping", "-n", "-c", "1", "-W", Long.toString(secs), dst)
            .exitCode()
        == 0;
  }

  /** A TCP handshake (then close) from {@code from}; true when it completed within the wait. */
  public static boolean tcpConnect(Netns from, String dst, int port, Duration wait) {
    long secs = Math.max(1, wait.toSeconds());
    return from.run(
                wait.plus(SLACK),
                "nc",
                "-z",
                "-n",
                "-w",
                Long.toString(secs),
                dst,
                Integer.toString(port))
            .exitCode()
        == 0;
  }

  /**
   * One UDP datagram from a fresh socket (a new source port, so a new conntrack entry). UDP has no
   * answer: check the receiving side with a {@link Capture}.
   */
  public static void udpSend(Netns from, String dst, int port, String payload) {
    from.check(
        Duration.ofSeconds(5),
        "bash",
        "-c",
        "echo '" + payload.replace("'", "") + "' > /dev/udp/" + dst + "/" + port);
  }

  /**
   * A stream of UDP datagrams, each from a fresh socket, every {@code intervalMillis}: the first
   * one carrying a new source address after a change marks when the change reached the datapath.
   */
  public static Background udpStream(Netns from, String dst, int port, int intervalMillis) {
    String sleep = String.format(java.util.Locale.ROOT, "%.3f", intervalMillis / 1000.0);
    return from.spawn(
        "udp-stream",
        "bash",
        "-c",
        "while :; do echo x > /dev/udp/" + dst + "/" + port + "; sleep " + sleep + "; done");
  }

  /**
   * A steady ping stream from {@code from} to {@code dst} every {@code intervalMillis} (at least
   * 20: {@code ping -i 0.01} busy-spins, multinode lab notes trap 13), with receive timestamps
   * ({@code -D}), ending by itself after {@code deadline} ({@code -w}: a SIGINT does not reach a
   * background job, trap 14). Read it with {@link LossWindow#ofPing}.
   */
  public static Background pingStream(
      Netns from, String dst, int intervalMillis, Duration deadline) {
    String interval =
        String.format(java.util.Locale.ROOT, "%.3f", Math.max(20, intervalMillis) / 1000.0);
    return from.spawn(
        deadline.plusSeconds(10),
        "ping-stream",
        "ping",
        "-D",
        "-n",
        "-i",
        interval,
        "-W",
        "1",
        "-w",
        Long.toString(Math.max(1, deadline.toSeconds())),
        dst);
  }

  /** A TCP listener ({@code nc -l -k}) that logs every peer; close it when done. */
  public static TcpServer listen(Netns at, String ip, int port) {
    Background nc =
        at.spawn("nc-" + port, "nc", "-l", "-k", "-v", "-n", ip, Integer.toString(port))
            .awaitStderr("Listening on", Duration.ofSeconds(10));
    return new TcpServer(nc);
  }

  /** A running {@code nc -l -k -v}: who connected, as the listening application saw it. */
  public record TcpServer(Background nc) implements AutoCloseable {
    /** The peer address of every accepted connection so far, oldest first. */
    public List<String> peers() {
      List<String> peers = new ArrayList<>();
      Matcher m = RECEIVED.matcher(nc.stderr());
      while (m.find()) {
        peers.add(m.group(1));
      }
      return peers;
    }

    /**
     * The peers once at least one connection was logged (nc logs after accepting, a moment after
     * the client already saw its handshake complete), or the empty list after {@code timeout}.
     */
    public List<String> awaitPeers(Duration timeout) {
      io.ovneip.testkit.Waits.poll(timeout, () -> !peers().isEmpty());
      return peers();
    }

    @Override
    public void close() {
      nc.close();
    }
  }
}

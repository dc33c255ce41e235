package io.ovneip.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ovneip.testkit.dataplane.Background;
import io.ovneip.testkit.dataplane.Capture;
import io.ovneip.testkit.dataplane.Netns;
import io.ovneip.testkit.dataplane.Packet;
import io.ovneip.testkit.dataplane.Probes;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Assertions about packets. Positive checks retry for a while (a committed NB row reaches the
 * datapath a little later, and the first packet waits for ARP: pitfall 9); negative checks wait
 * until the probe fails and then require it to keep failing.
 */
final class Wire {
  static final Duration ANSWER = Duration.ofSeconds(20);
  static final Duration PROBE = Duration.ofSeconds(1);

  private Wire() {}

  static void answers(String what, BooleanSupplier probe) {
    await(what).atMost(ANSWER).pollInterval(Duration.ofMillis(100)).until(probe::getAsBoolean);
  }

  static void silent(String what, BooleanSupplier probe) {
    await(what + " stops")
        .atMost(ANSWER)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> !probe.getAsBoolean());
    for (int i = 0; i < 2; i++) {
      assertThat(probe.getAsBoolean()).as(what + " stays silent").isFalse();
    }
  }

  static BooleanSupplier ping(Netns from, String dst) {
    return () -> Probes.ping(from, dst, PROBE);
  }

  /**
   * One ICMP echo of {@code size} payload bytes: above the 1500-byte MTU it leaves in fragments,
   * which userspace conntrack must reassemble before NAT (its {@code ipf} module, v4 and v6).
   */
  static BooleanSupplier bigPing(Netns from, String dst, int size) {
    return () ->
        from.run(
                    PROBE.plusSeconds(3),
                    "ping",
                    "-n",
                    "-c",
                    "1",
                    "-W",
                    "1",
                    "-s",
                    Integer.toString(size),
                    dst)
                .exitCode()
            == 0;
  }

  static BooleanSupplier tcp(Netns from, String dst, int port) {
    return () -> Probes.tcpConnect(from, dst, port, PROBE);
  }

  /**
   * Sends UDP datagrams from {@code from} until the capture shows one arriving at {@code dst:port};
   * returns the source address it carried.
   */
  static String udpSource(Netns from, Capture capture, String dst, int port) {
    String[] src = {null};
    await("UDP to " + dst + ":" + port + " seen on the outside")
        .atMost(ANSWER)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              Probes.udpSend(from, dst, port, "hello");
              List<Packet> seen = udpTo(capture, dst, port);
              if (!seen.isEmpty()) {
                src[0] = seen.get(0).src();
              }
              return src[0] != null;
            });
    return src[0];
  }

  static List<Packet> udpTo(Capture capture, String dst, int port) {
    return capture.packets(p -> p.isUdp() && p.dst().equals(dst) && p.dstPort() == port);
  }

  /**
   * Every IP packet on the outside wire whose source is in the pod network (10.16.0.0/16, or its
   * dual-stack IPv6 half fd00:10:16::/64).
   */
  static List<Packet> leaks(Capture capture) {
    return capture.packets(
        p -> p.isIp() && (p.src().startsWith("10.16.") || p.src().startsWith("fd00:10:16:")));
  }

  /**
   * Runs {@code change} while {@code from} streams UDP to {@code dst:port} (every datagram from a
   * fresh socket, so a new flow: pitfall 2) and returns the milliseconds from the change to the
   * first datagram on the outside wire whose source is {@code next}. Kernel capture timestamps and
   * {@code currentTimeMillis} read the same clock. First waits until the stream is seen leaving
   * from {@code old}, so the stream itself is known to work before the change.
   */
  static long millisToFirstPacketFrom(
      Netns from, Capture wire, String dst, int port, String old, String next, Runnable change) {
    try (Background stream = Probes.udpStream(from, dst, port, 10)) {
      assertThat(wire.await(p -> udpFrom(p, old, port), ANSWER))
          .as("the stream leaves from " + old)
          .isPresent();
      assertThat(stream.isAlive()).as("the UDP stream runs").isTrue();
      long changedAt = System.currentTimeMillis();
      change.run();
      Packet first =
          wire.await(p -> udpFrom(p, next, port) && p.epochMillis() >= changedAt, ANSWER)
              .orElseThrow(
                  () -> new AssertionError("no datagram from " + next + "\n" + wire.text()));
      return first.epochMillis() - changedAt;
    }
  }

  private static boolean udpFrom(Packet p, String src, int port) {
    return p.isUdp() && p.src().equals(src) && p.dstPort() == port;
  }
}

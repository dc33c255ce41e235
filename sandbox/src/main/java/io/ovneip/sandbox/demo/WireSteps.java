package io.ovneip.sandbox.demo;

import io.ovneip.sandbox.exec.CommandResult;
import io.ovneip.testkit.dataplane.Capture;
import io.ovneip.testkit.dataplane.Cluster;
import io.ovneip.testkit.dataplane.Netns;
import io.ovneip.testkit.dataplane.Packet;
import io.ovneip.testkit.dataplane.Probes;
import io.ovneip.testkit.dataplane.Probes.TcpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The walk-through on the wire, when the sandbox has a dataplane: {@code ping} and {@code nc} from
 * the outside host and from the pods' namespaces, printed as typed, with {@code tcpdump} on the
 * outside host's interface as the wire's own account. The outside host has no route back to the pod
 * network, so any answer it gets proves NAT. Positive checks retry for a while (the first packet
 * waits for ARP; a changed rule reaches the datapath a moment after NB); negative ones wait until
 * the probe fails, then require it to keep failing. Every probe is a new process and so a new flow:
 * established flows keep their old NAT (lab notes, pitfall 2).
 */
final class WireSteps implements AutoCloseable {
  private static final Duration ANSWER = Duration.ofSeconds(20);
  private static final Duration PEER = Duration.ofSeconds(5);

  /** Where a pod listens, standing in for nginx (the pods run no containers). */
  private static final int POD_PORT = 80;

  /** Where the outside host listens for the pods' own connections. */
  private static final int OUTSIDE_PORT = 8080;

  private final Tools tools;
  private final Tutorial t;
  private final Path dir;
  private final String outside;
  private final List<AutoCloseable> running = new ArrayList<>();
  private Capture wire;
  private TcpServer outsideServer;
  private TcpServer eipServer;

  WireSteps(Tools tools, String outsideNetns) {
    this.tools = tools;
    this.t = tools.tutorial();
    this.outside = outsideNetns;
    this.dir = tools.target().files().resolve("wire");
  }

  /** EIP inbound (ICMP, TCP) and SNAT outbound, with the seed's first addresses. */
  void beforeChange(String snatPodIp, String eipPodIp) {
    t.step(
        "Packets: the outside host reaches pod-eip on "
            + SeedWalkthrough.EIP
            + ", pod-snat's traffic leaves from "
            + SeedWalkthrough.SNAT_IP);
    t.say(
        "Each pod is a network namespace on br-int (`ovn-eip sandbox netns default/pod-eip` prints"
            + " its name). The outside host $OVN_EIP_OUTSIDE_NETNS holds "
            + SeedWalkthrough.GATEWAY_IP
            + "/16 behind eth1 and has no route to 10.16.0.0/16: every answer it gets went"
            + " through NAT.");
    start(snatPodIp, eipPodIp);
    reaches(SeedWalkthrough.EIP, eipPodIp);
    leavesFrom("pod-snat", SeedWalkthrough.SNAT_IP);
    noLeaks();
  }

  /** After the seed's EIP change: the new address works both ways, the old one is gone. */
  void afterChange(String eipPodIp) {
    t.step(
        "Packets after the change: "
            + SeedWalkthrough.NEW_EIP
            + " answers, "
            + SeedWalkthrough.EIP
            + " does not");
    reaches(SeedWalkthrough.NEW_EIP, eipPodIp);
    silent(SeedWalkthrough.EIP);
    leavesFrom("pod-eip", SeedWalkthrough.NEW_EIP);
    noLeaks();
  }

  private void start(String snatPodIp, String eipPodIp) {
    mkdirs(dir);
    Netns out = new Netns(outside, dir);
    String iface = Cluster.outsideIfaceName();
    t.say(
        "$ "
            + tools.tutorial().display(ipNetns(outside, "tcpdump", "-i", iface, "-n", "ip"))
            + " &");
    wire = started(Capture.start(out, iface, "ip"));
    awaitNetns("pod-snat");
    String eipPod = awaitNetns("pod-eip");
    t.say(
        "$ "
            + t.display(ipNetns(eipPod, "nc", "-l", "-k", "-n", eipPodIp, "" + POD_PORT))
            + " &   # stands in for nginx");
    eipServer = started(Probes.listen(new Netns(eipPod, dir), eipPodIp, POD_PORT));
    t.say(
        "$ "
            + t.display(
                ipNetns(
                    outside, "nc", "-l", "-k", "-n", SeedWalkthrough.GATEWAY_IP, "" + OUTSIDE_PORT))
            + " &");
    outsideServer = started(Probes.listen(out, SeedWalkthrough.GATEWAY_IP, OUTSIDE_PORT));
    t.check(
        true,
        "pod-snat ("
            + snatPodIp
            + ") and pod-eip ("
            + eipPodIp
            + ") are network namespaces on br-int of "
            + SeedWalkthrough.GATEWAY_NODE);
  }

  /** ICMP and TCP from the outside host to {@code eip} reach the pod, which sees the real peer. */
  private void reaches(String eip, String podIp) {
    answered(ipNetns(outside, "ping", "-n", "-c", "1", "-W", "1", eip));
    t.check(true, "the outside host's ping to " + eip + " is answered");
    int before = eipServer.peers().size();
    answered(ipNetns(outside, "nc", "-z", "-n", "-v", "-w", "1", eip, "" + POD_PORT));
    List<String> peers = newPeers(eipServer, before);
    t.check(
        !peers.isEmpty() && peers.stream().allMatch(SeedWalkthrough.GATEWAY_IP::equals),
        "TCP to "
            + eip
            + ":"
            + POD_PORT
            + " reaches pod-eip ("
            + podIp
            + "), which sees it come from "
            + SeedWalkthrough.GATEWAY_IP
            + " (DNAT only) "
            + peers);
  }

  /** A new connection from {@code pod} to the outside host arrives from {@code address}. */
  private void leavesFrom(String pod, String address) {
    String ns = Cluster.podNetnsName("default", pod);
    int before = outsideServer.peers().size();
    long since = System.currentTimeMillis();
    answered(
        ipNetns(
            ns, "nc", "-z", "-n", "-v", "-w", "1", SeedWalkthrough.GATEWAY_IP, "" + OUTSIDE_PORT));
    List<String> peers = newPeers(outsideServer, before);
    List<Packet> syns =
        wire.packets(
            p ->
                p.isTcp()
                    && p.dstPort() == OUTSIDE_PORT
                    && p.text().startsWith("Flags [S]")
                    && p.epochMillis() >= since - 1000);
    t.say("tcpdump at the outside host saw:");
    syns.stream().limit(3).forEach(p -> t.say("  " + line(p)));
    t.check(
        !peers.isEmpty()
            && peers.stream().allMatch(address::equals)
            && !syns.isEmpty()
            && syns.stream().allMatch(p -> p.src().equals(address)),
        pod + "'s connection arrives from " + address + " (nc and tcpdump at the outside host)");
  }

  /** Neither ping nor TCP to {@code address} gets an answer any more, and stays so. */
  private void silent(String address) {
    for (String[] probe :
        List.of(
            ipNetns(outside, "ping", "-n", "-c", "1", "-W", "1", address),
            ipNetns(outside, "nc", "-z", "-n", "-v", "-w", "1", address, "" + POD_PORT))) {
      tools.runUntil(ANSWER, r -> !r.ok(), probe);
      boolean stays = true;
      for (int i = 0; i < 2; i++) {
        stays &= !tools.tutorial().runQuietly(ANSWER, probe).ok();
      }
      t.check(stays, "no answer from " + address + " (" + probe[4] + "), three times in a row");
    }
  }

  private void noLeaks() {
    List<Packet> leaks = wire.packets(p -> p.isIp() && p.src().startsWith("10.16."));
    t.check(
        leaks.isEmpty(),
        "no packet from the pod network 10.16.0.0/16 on the outside wire"
            + (leaks.isEmpty() ? "" : ": " + line(leaks.get(0))));
  }

  private CommandResult answered(String[] command) {
    CommandResult r = tools.runUntil(ANSWER, CommandResult::ok, command);
    if (!r.ok()) {
      throw t.fail("no answer within " + ANSWER.toSeconds() + "s: " + t.display(command));
    }
    return r;
  }

  /** The pod's namespace, once the sandbox has attached it (the CNI allocated it). */
  private String awaitNetns(String pod) {
    String ns = Cluster.podNetnsName("default", pod);
    t.await(
        ANSWER,
        "the network namespace " + ns,
        () -> Files.exists(Path.of("/run/netns", ns)) ? Optional.of(ns) : Optional.empty());
    return ns;
  }

  /** Peers accepted after the first {@code before}; nc logs a moment after the handshake. */
  private static List<String> newPeers(TcpServer server, int before) {
    Predicate<List<String>> more = l -> l.size() > before;
    long deadline = System.nanoTime() + PEER.toNanos();
    while (!more.test(server.peers()) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    List<String> all = server.peers();
    return all.subList(Math.min(before, all.size()), all.size());
  }

  private static String line(Packet p) {
    return p.src() + "." + p.srcPort() + " > " + p.dst() + "." + p.dstPort() + ": " + p.text();
  }

  private static String[] ipNetns(String netns, String... command) {
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", netns));
    cmd.addAll(List.of(command));
    return cmd.toArray(String[]::new);
  }

  private <T extends AutoCloseable> T started(T helper) {
    running.add(0, helper);
    return helper;
  }

  private static void mkdirs(Path d) {
    try {
      Files.createDirectories(d);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops tcpdump and the listeners (the sandbox's down would remove their namespaces anyway). */
  @Override
  public void close() {
    for (AutoCloseable c : running) {
      try {
        c.close();
      } catch (Exception e) {
        t.say("(stopping " + c + ": " + e.getMessage() + ")");
      }
    }
    running.clear();
  }
}

package io.ovneip.bench.failover;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.ovneip.agent.Agent;
import io.ovneip.agent.AgentOptions;
import io.ovneip.agent.NicProbe;
import io.ovneip.controller.Controller;
import io.ovneip.controller.ControllerOptions;
import io.ovneip.kubeapi.EmbeddedKubeApi;
import io.ovneip.model.input.GatewaySettings;
import io.ovneip.testkit.Exec;
import io.ovneip.testkit.KubeOvnBaseTopology;
import io.ovneip.testkit.OvnNorthd;
import io.ovneip.testkit.OvsdbServer;
import io.ovneip.testkit.Schema;
import io.ovneip.testkit.Waits;
import io.ovneip.testkit.dataplane.Background;
import io.ovneip.testkit.dataplane.Cluster;
import io.ovneip.testkit.dataplane.ClusterNode;
import io.ovneip.testkit.dataplane.ClusterOptions;
import io.ovneip.testkit.dataplane.LossWindow;
import io.ovneip.testkit.dataplane.PodNetns;
import io.ovneip.testkit.dataplane.PodSpec;
import io.ovneip.testkit.dataplane.Probes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The loss windows of gateway failover on three real chassis (docs/behaviour.md §3.1, §3.2):
 * gateways node1 and node2, the EIP and SNAT pods on node3. For each case and repetition three 50
 * pps pings run (outside to the EIP: EIP inbound; EIP pod to the outside: EIP outbound; SNAT pod to
 * the outside: SNAT), the event happens, and the longest gap of each ping is the loss window.
 * Cases: crash of the active gateway and its return (non-preemptive) with OVN's default BFD and
 * with {@code gateway-bfd-interval-ms: 100}, its underlay link cut, and a drain by cordon.
 * Measured, never asserted. Usage: {@code FailoverBench [--repeats N] [--out DIR]}.
 */
public final class FailoverBench {
  private static final String EIP = "172.56.0.233";
  private static final String SNAT = "172.56.0.200";
  private static final String GW = "172.56.0.1";
  private static final String CR = "cr-ovn-cluster-external";
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final List<String> DIRECTIONS = List.of("eip-in", "eip-out", "snat-out");

  private final Map<String, Map<String, List<Long>>> results = new LinkedHashMap<>();
  private OvsdbServer nb;
  private OvsdbServer sb;
  private OvnNorthd northd;
  private Cluster cluster;
  private EmbeddedKubeApi api;
  private KubernetesClient client;
  private Controller controller;
  private final List<Agent> agents = new ArrayList<>();
  private PodNetns eipPod;
  private PodNetns snatPod;
  private final Map<String, String> config = new HashMap<>();

  public static void main(String[] args) throws Exception {
    int repeats = 5;
    Path out = Path.of("bench/results");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--repeats" -> repeats = Integer.parseInt(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    FailoverBench b = new FailoverBench();
    long t0 = System.nanoTime();
    try {
      b.start();
      for (int r = 0; r < repeats; r++) {
        b.crashAndReturn("crash, default BFD", "return after crash, default BFD");
      }
      for (int r = 0; r < repeats; r++) {
        b.linkDown("underlay link down, default BFD");
      }
      for (int r = 0; r < repeats; r++) {
        b.drain("drain by cordon");
      }
      b.setBfd("100");
      for (int r = 0; r < repeats; r++) {
        b.crashAndReturn("crash, BFD 100 ms", "return after crash, BFD 100 ms");
      }
      for (int r = 0; r < repeats; r++) {
        b.linkDown("underlay link down, BFD 100 ms");
      }
    } finally {
      b.close();
    }
    b.write(out, repeats, (System.nanoTime() - t0) / 1_000_000_000L);
  }

  private void start() throws IOException {
    nb = OvsdbServer.start(Schema.NB);
    sb = OvsdbServer.start(Schema.SB);
    northd = OvnNorthd.start(nb.dir(), nb.tcpRemote(), sb.tcpRemote());
    nbctl(KubeOvnBaseTopology.nbctlArgs().toArray(String[]::new));
    cluster =
        Cluster.start(
            ClusterOptions.seed(
                sb.unixRemote(),
                List.of("node1", "node2", "node3").stream()
                    .map(n -> new ClusterOptions.NodeSpec(n, "chassis-" + n))
                    .toList()));
    api = EmbeddedKubeApi.start(0);
    client = new KubernetesClientBuilder().withConfig(api.clientConfig()).build();
    for (ClusterNode n : cluster.nodes()) {
      client
          .nodes()
          .resource(
              new NodeBuilder()
                  .withNewMetadata()
                  .withName(n.name())
                  .addToAnnotations("ovn.kubernetes.io/chassis", n.chassis())
                  .endMetadata()
                  .build())
          .create();
    }
    config.putAll(
        Map.of(
            "enable-external-gw", "true",
            "type", "centralized",
            "external-gw-nodes", "node1,node2",
            "external-gw-nic", "eth1",
            "external-gw-addr", GW + "/16",
            "nic-ip", "172.56.0.254/16",
            "nic-mac", "16:52:f3:13:6a:25"));
    applyConfig();
    controller =
        Controller.start(
            ControllerOptions.forRemotes(
                GatewaySettings.defaults(),
                nb.tcpRemote(),
                sb.tcpRemote(),
                new ControllerOptions.Election(
                    false, "kube-system", "ovn-eip-controller", "bench")),
            client);
    for (ClusterNode n : cluster.nodes()) {
      agents.add(
          Agent.start(
              AgentOptions.defaults(n.name())
                  .withOvsDb(n.ovsDb())
                  .withBridgeDatapathType("netdev")
                  .withTimings(
                      Duration.ofMinutes(5), Duration.ofMillis(500), Duration.ofSeconds(2)),
              client,
              NicProbe.inNetns(n.netns().name())));
    }
    eipPod = pod("eip-pod", "10.16.0.2", "00:00:00:00:00:02", "ovn.kubernetes.io/eip", EIP);
    snatPod = pod("snat-pod", "10.16.0.3", "00:00:00:00:00:03", "ovn.kubernetes.io/snat", SNAT);
    Waits.require(WAIT, "a gateway", () -> !active().isEmpty());
    settle();
  }

  private PodNetns pod(String name, String ip, String mac, String key, String address) {
    PodSpec spec = PodSpec.onDefaultSubnet("default", name, mac, ip);
    nbctl(
        "lsp-add",
        "ovn-default",
        spec.ovnPort(),
        "--",
        "lsp-set-addresses",
        spec.ovnPort(),
        mac + " " + ip);
    PodNetns pod = cluster.addPod("node3", spec);
    cluster.awaitInstalled(pod, WAIT);
    client
        .pods()
        .inNamespace("default")
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("default")
                .addToAnnotations("ovn.kubernetes.io/allocated", "true")
                .addToAnnotations("ovn.kubernetes.io/ip_address", ip)
                .addToAnnotations("ovn.kubernetes.io/mac_address", mac)
                .addToAnnotations("ovn.kubernetes.io/logical_switch", "ovn-default")
                .addToAnnotations(key, address)
                .endMetadata()
                .withNewSpec()
                .withNodeName("node3")
                .addNewContainer()
                .withName("c")
                .withImage("nginx")
                .endContainer()
                .endSpec()
                .build())
        .create();
    Waits.require(
        WAIT, name + " answers", () -> Probes.ping(pod.netns(), GW, Duration.ofSeconds(1)));
    return pod;
  }

  private void applyConfig() {
    client
        .configMaps()
        .inNamespace("kube-system")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("ovn-external-gw-config")
                .withNamespace("kube-system")
                .endMetadata()
                .withData(config)
                .build())
        .createOr(c -> c.update());
  }

  private void setBfd(String ms) {
    config.put("gateway-bfd-interval-ms", ms);
    applyConfig();
    Waits.require(
        WAIT,
        "NB_Global bfd-min-rx=" + ms,
        () -> nbctl("--if-exists", "get", "NB_Global", ".", "options:bfd-min-rx").contains(ms));
    settle();
  }

  /** The node holding the gateway port now, or "". */
  private String active() {
    String uuid =
        sbctl("--bare", "--columns=chassis", "find", "Port_Binding", "logical_port=" + CR).trim();
    if (uuid.isEmpty()) {
      return "";
    }
    String name = sbctl("--bare", "--columns=name", "list", "Chassis", uuid).trim();
    return name.startsWith("chassis-") ? name.substring("chassis-".length()) : "";
  }

  /** Between two events: every node up, BFD up on every tunnel, then 3 s of quiet (trap 12). */
  private void settle() {
    Waits.require(WAIT, "BFD up everywhere", cluster::bfdUpEverywhere);
    sleep(3000);
  }

  private void crashAndReturn(String crashCase, String returnCase) {
    String victim = active();
    measure(
        crashCase,
        Duration.ofSeconds(9),
        () -> cluster.crash(victim),
        () -> !active().equals(victim) && !active().isEmpty());
    measure(
        returnCase,
        Duration.ofSeconds(6),
        () -> cluster.restore(victim),
        () -> cluster.node(victim).running());
    settle();
  }

  private void linkDown(String name) {
    String victim = active();
    measure(
        name,
        Duration.ofSeconds(9),
        () -> cluster.linkDown(victim),
        () -> !active().equals(victim) && !active().isEmpty());
    cluster.linkUp(victim);
    settle();
  }

  private void drain(String name) {
    String victim = active();
    measure(
        name,
        Duration.ofSeconds(5),
        () -> cordon(victim, true),
        () -> !active().equals(victim) && !active().isEmpty());
    cordon(victim, false);
    settle();
  }

  private void cordon(String node, boolean on) {
    client
        .nodes()
        .withName(node)
        .edit(
            n ->
                new NodeBuilder(n)
                    .editOrNewSpec()
                    .withUnschedulable(on ? Boolean.TRUE : null)
                    .endSpec()
                    .build());
  }

  /**
   * Three ping streams of {@code length} each, the event one second in; waits for {@code done},
   * then for the streams to end; records each stream's longest gap.
   */
  private void measure(
      String name, Duration length, Runnable event, java.util.function.BooleanSupplier done) {
    try (Background in = Probes.pingStream(cluster.outside().netns(), EIP, 20, length);
        Background out = Probes.pingStream(eipPod.netns(), GW, 20, length);
        Background snat = Probes.pingStream(snatPod.netns(), GW, 20, length)) {
      sleep(1000);
      event.run();
      Waits.require(WAIT, name + " done", done);
      Waits.require(
          length.plusSeconds(15),
          "the pings end",
          () -> !in.isAlive() && !out.isAlive() && !snat.isAlive());
      Map<String, List<Long>> c = results.computeIfAbsent(name, k -> new LinkedHashMap<>());
      List<Background> streams = List.of(in, out, snat);
      for (int i = 0; i < 3; i++) {
        LossWindow w = LossWindow.ofPing(streams.get(i).stdout());
        c.computeIfAbsent(DIRECTIONS.get(i), k -> new ArrayList<>()).add(w.longestGapMillis());
      }
      System.out.printf(Locale.ROOT, "%s: %s%n", name, c);
    }
  }

  private void write(Path out, int repeats, long seconds) throws IOException {
    Files.createDirectories(out);
    StringBuilder md = new StringBuilder();
    md.append("# Gateway failover on three chassis (scripts/bench --failover)\n\n")
        .append(
            "Three real chassis in network namespaces (userspace OVS 3.1, OVN 23.03), gateways node1 and node2")
        .append(
            " (non-preemptive failback, the default), EIP and SNAT pods on node3. Loss window = the longest gap")
        .append(
            " in a 50 pps ping (ms): EIP in = outside host to the EIP, EIP out = EIP pod to the outside,")
        .append(" SNAT out = SNAT pod to the outside; all three run at once. ")
        .append(repeats)
        .append(" repetitions per case, ")
        .append(seconds)
        .append(" s in all, on a shared 2-core machine (40-60 ms of scheduling noise per gap).\n\n")
        .append(
            "| case | EIP in min/median/max | EIP out min/median/max | SNAT out min/median/max |\n")
        .append("|---|---|---|---|\n");
    StringBuilder json = new StringBuilder("{\n  \"repeats\": " + repeats + ",\n  \"cases\": {\n");
    int k = 0;
    for (var e : results.entrySet()) {
      md.append("| ").append(e.getKey());
      json.append("    \"").append(e.getKey()).append("\": {");
      int d = 0;
      for (String dir : DIRECTIONS) {
        List<Long> v = new ArrayList<>(e.getValue().getOrDefault(dir, List.of()));
        v.sort(Long::compare);
        md.append(" | ")
            .append(v.isEmpty() ? "-" : v.get(0) + " / " + median(v) + " / " + v.get(v.size() - 1));
        json.append(d++ > 0 ? ", " : "").append('"').append(dir).append("\": ").append(v);
      }
      md.append(" |\n");
      json.append(k++ < results.size() - 1 ? "},\n" : "}\n");
    }
    json.append("  }\n}\n");
    Files.writeString(out.resolve("failover.md"), md.toString());
    Files.writeString(out.resolve("failover.json"), json.toString());
    System.out.print(md);
  }

  private static long median(List<Long> sorted) {
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private String nbctl(String... args) {
    return ctl("ovn-nbctl", nb.tcpRemote(), args);
  }

  private String sbctl(String... args) {
    return ctl("ovn-sbctl", sb.tcpRemote(), args);
  }

  private String ctl(String tool, String db, String... args) {
    List<String> cmd = new ArrayList<>(List.of(tool, "--db=" + db, "--timeout=15"));
    cmd.addAll(List.of(args));
    return Exec.check(nb.dir(), Duration.ofSeconds(20), cmd.toArray(String[]::new));
  }

  private void close() {
    agents.forEach(Agent::close);
    if (controller != null) {
      controller.close();
    }
    if (cluster != null) {
      cluster.close();
    }
    if (northd != null) {
      northd.close();
    }
    if (sb != null) {
      sb.close();
    }
    if (nb != null) {
      nb.close();
    }
    if (client != null) {
      client.close();
    }
    if (api != null) {
      api.close();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

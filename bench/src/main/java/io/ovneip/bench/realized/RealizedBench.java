package io.ovneip.bench.realized;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.ovneip.controller.Controller;
import io.ovneip.controller.ControllerOptions;
import io.ovneip.kubeapi.EmbeddedKubeApi;
import io.ovneip.model.input.GatewaySettings;
import io.ovneip.testkit.Exec;
import io.ovneip.testkit.KubeOvnBaseTopology;
import io.ovneip.testkit.OvnNorthd;
import io.ovneip.testkit.OvsdbServer;
import io.ovneip.testkit.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Annotation-to-realized latency at N pods (docs/behaviour.md §5.5), end to end through real
 * daemons: NB, SB, ovn-northd, and one chassis made of ovs-vswitchd ({@code
 * --enable-dummy=override}: a dummy datapath, no kernel device) and a real ovn-controller, which is
 * the gateway chassis and the chassis of every pod (each pod has an OVS port with its {@code
 * iface-id}, which ovn-controller claims). The controller runs in this JVM against the embedded
 * Kubernetes API.
 *
 * <p>Two phases: (1) cold: N pods created with an EIP at once, until every pod's {@code
 * ovn-eip.io/realized} is True; (2) steady: K EIP changes, one pod every {@code gap} ms, each
 * measured from the annotation write to the first realized=True whose message names a newer nb_cfg.
 * Also measured: ovn-northd's and ovn-controller's CPU seconds and the controller's NB transactions
 * (= nb_cfg bumps) per phase, the cost of the bump.
 *
 * <p>Usage: {@code RealizedBench --pods N [--changes K] [--gap-ms G] [--cold-minutes M] [--out
 * DIR]}; a cold phase cut short by M reports the pods realized by then.
 */
public final class RealizedBench {
  private static final String NODE = "rlz-gw";
  private static final String REALIZED = "ovn-eip.io/realized";
  private static final Duration CMD = Duration.ofMinutes(5);

  private RealizedBench() {}

  public static void main(String[] args) throws Exception {
    int pods = intArg(args, "--pods", 1000);
    int changes = intArg(args, "--changes", 200);
    int gapMs = intArg(args, "--gap-ms", 100);
    int coldMinutes = intArg(args, "--cold-minutes", 30);
    Path out = Path.of(strArg(args, "--out", "bench/results"));
    Files.createDirectories(out);
    Path dir = Files.createTempDirectory("rlz-bench");
    List<Long> daemons = new java.util.concurrent.CopyOnWriteArrayList<>();
    // A run stopped by a signal (a timeout) skips the finally below: the detached chassis daemons
    // would outlive it.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () ->
                    daemons.forEach(
                        pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy))));
    try (OvsdbServer nb = OvsdbServer.start(Schema.NB);
        OvsdbServer sb = OvsdbServer.start(Schema.SB);
        OvsdbServer conf = OvsdbServer.builder(Schema.OPEN_VSWITCH).name("conf").start();
        OvnNorthd northd = OvnNorthd.start(nb.dir(), nb.tcpRemote(), sb.tcpRemote());
        EmbeddedKubeApi api = EmbeddedKubeApi.start(0)) {
      KubernetesClient client = api.client();
      nbctl(dir, nb, KubeOvnBaseTopology.nbctlArgs());
      startChassis(dir, conf, sb, daemons);
      long ovnController = daemons.get(1);
      client
          .nodes()
          .resource(
              new NodeBuilder()
                  .withNewMetadata()
                  .withName(NODE)
                  .addToAnnotations("ovn.kubernetes.io/chassis", NODE)
                  .endMetadata()
                  .build())
          .create();
      client
          .configMaps()
          .inNamespace("kube-system")
          .resource(
              new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                  .withNewMetadata()
                  .withName("ovn-external-gw-config")
                  .withNamespace("kube-system")
                  .endMetadata()
                  .withData(
                      Map.of(
                          "enable-external-gw", "true",
                          "external-gw-nodes", NODE,
                          "external-gw-nic", "eth1",
                          "external-gw-addr", "172.56.0.1/16",
                          "nic-ip", "172.56.0.254/16",
                          "nic-mac", "16:52:f3:13:6a:25"))
                  .build())
          .create();
      // The pods' ports, in NB (as the CNI writes them) and on the chassis (as the CNI plugs them).
      List<String> nbArgs = new ArrayList<>();
      List<String> vsArgs = new ArrayList<>();
      for (int i = 0; i < pods; i++) {
        if (!nbArgs.isEmpty()) {
          nbArgs.add("--");
        }
        nbArgs.addAll(KubeOvnBaseTopology.podPortArgs("default", name(i), mac(i), ip(i)));
        if (!vsArgs.isEmpty()) {
          vsArgs.add("--");
        }
        vsArgs.addAll(
            List.of(
                "add-port",
                "br-rlz",
                "rlz" + i,
                "--",
                "set",
                "Interface",
                "rlz" + i,
                "external_ids:iface-id=" + name(i) + ".default"));
        if ((i + 1) % 500 == 0 || i == pods - 1) {
          nbctl(dir, nb, nbArgs);
          vsctl(dir, conf, vsArgs);
          nbArgs.clear();
          vsArgs.clear();
        }
      }
      Watcher watcher = new Watcher(client);
      ControllerOptions options =
          ControllerOptions.forRemotes(
              GatewaySettings.defaults(),
              nb.tcpRemote(),
              sb.tcpRemote(),
              new ControllerOptions.Election(false, "kube-system", "ovn-eip-controller", "bench"));
      try (Controller controller = Controller.start(options, client)) {
        // Phase 1: cold, every pod created with its EIP at once.
        double northdCpu0 = cpuSeconds(northd.pid());
        double ocCpu0 = cpuSeconds(ovnController);
        double txn0 = controller.metrics().transactions.get();
        Map<String, Long> createdAt = new ConcurrentHashMap<>();
        long coldStart = System.nanoTime();
        for (int i = 0; i < pods; i++) {
          createdAt.put(name(i), System.nanoTime());
          client.pods().inNamespace("default").resource(pod(i, eip(i))).create();
        }
        List<Double> cold = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(coldMinutes).toNanos();
        long lastPrint = System.nanoTime();
        while (watcher.realizedCount() < pods && System.nanoTime() < deadline) {
          Thread.sleep(200);
          if (System.nanoTime() - lastPrint > 10_000_000_000L) {
            lastPrint = System.nanoTime();
            System.err.println(
                "realized " + watcher.realizedCount() + "/" + pods + " " + reasons(client));
          }
        }
        double coldAll = (System.nanoTime() - coldStart) / 1e9;
        for (int i = 0; i < pods; i++) {
          Long at = watcher.firstRealizedAt(name(i));
          if (at != null) {
            cold.add((at - createdAt.get(name(i))) / 1e9);
          }
        }
        double coldNorthd = cpuSeconds(northd.pid()) - northdCpu0;
        double coldOc = cpuSeconds(ovnController) - ocCpu0;
        double coldTxn = controller.metrics().transactions.get() - txn0;

        // Phase 2: steady, one EIP change every gapMs.
        Thread.sleep(2000);
        double northdCpu1 = cpuSeconds(northd.pid());
        double ocCpu1 = cpuSeconds(ovnController);
        double txn1 = controller.metrics().transactions.get();
        Map<String, Long> changedAt = new ConcurrentHashMap<>();
        for (int j = 0; j < changes; j++) {
          int i = (int) ((long) j * 7919 % pods);
          String n = name(i);
          if (changedAt.containsKey(n)) {
            continue;
          }
          String eip = changedEip(j);
          watcher.expectNewer(n);
          changedAt.put(n, System.nanoTime());
          edit(client, n, eip);
          Thread.sleep(gapMs);
        }
        deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (watcher.pendingNewer() > 0 && System.nanoTime() < deadline) {
          Thread.sleep(200);
        }
        List<Double> steady = new ArrayList<>();
        changedAt.forEach(
            (n, at) -> {
              Long done = watcher.newerRealizedAt(n);
              if (done != null) {
                steady.add((done - at) / 1e9);
              }
            });
        double steadyNorthd = cpuSeconds(northd.pid()) - northdCpu1;
        double steadyOc = cpuSeconds(ovnController) - ocCpu1;
        double steadyTxn = controller.metrics().transactions.get() - txn1;
        String md =
            report(
                pods,
                cold,
                coldAll,
                coldNorthd,
                coldOc,
                coldTxn,
                changedAt.size(),
                gapMs,
                steady,
                steadyNorthd,
                steadyOc,
                steadyTxn);
        System.out.println(md);
        Files.writeString(out.resolve("realized-" + pods + ".md"), md);
      } finally {
        watcher.close();
      }
    } finally {
      daemons.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy));
    }
  }

  private static String report(
      int pods,
      List<Double> cold,
      double coldAll,
      double coldNorthd,
      double coldOc,
      double coldTxn,
      int changes,
      int gapMs,
      List<Double> steady,
      double steadyNorthd,
      double steadyOc,
      double steadyTxn) {
    StringBuilder b = new StringBuilder();
    b.append("# Annotation to realized, ").append(pods).append(" pods\n\n");
    b.append("Run ")
        .append(Instant.now())
        .append(", ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores (shared). ")
        .append("Real NB, SB, ovn-northd; one chassis = ovs-vswitchd (dummy datapath) + a real")
        .append(
            " ovn-controller, gateway chassis and chassis of every pod (each pod has an OVS port")
        .append(" ovn-controller claims). Controller in-process, embedded Kubernetes API.\n\n");
    b.append("| phase | pods measured | p50 s | p99 s | max s | NB transactions (= nb_cfg bumps) |")
        .append(" ovn-northd CPU s | ovn-controller CPU s |\n|---|---|---|---|---|---|---|---|\n");
    b.append(
        String.format(
            Locale.ROOT,
            "| cold: %d pods created with an EIP at once (all realized after %.1f s) | %d | %.3f |"
                + " %.3f | %.3f | %.0f | %.1f | %.1f |%n",
            pods,
            coldAll,
            cold.size(),
            pct(cold, 50),
            pct(cold, 99),
            pct(cold, 100),
            coldTxn,
            coldNorthd,
            coldOc));
    b.append(
        String.format(
            Locale.ROOT,
            "| steady: %d EIP changes, one every %d ms | %d | %.3f | %.3f | %.3f | %.0f | %.1f |"
                + " %.1f |%n",
            changes,
            gapMs,
            steady.size(),
            pct(steady, 50),
            pct(steady, 99),
            pct(steady, 100),
            steadyTxn,
            steadyNorthd,
            steadyOc));
    b.append("\nLatency: from the API write (pod create / annotation edit) to the benchmark's")
        .append(" informer seeing `ovn-eip.io/realized=True` for the pod's new rows. One bump")
        .append(" per NB transaction (= per batch): each bump costs ovn-northd one SB_Global write")
        .append(" and the chassis one Chassis_Private report.\n");
    return b.toString();
  }

  /** How many pods show each realized reason now (progress output). */
  private static Map<String, Long> reasons(KubernetesClient client) {
    Map<String, Long> out = new java.util.TreeMap<>();
    for (Pod p : client.pods().inNamespace("default").list().getItems()) {
      String r = "none";
      if (p.getStatus() != null && p.getStatus().getConditions() != null) {
        for (PodCondition c : p.getStatus().getConditions()) {
          if (REALIZED.equals(c.getType())) {
            r = c.getReason();
          }
        }
      }
      if (r.equals("none")) {
        String ready = "";
        if (p.getStatus() != null && p.getStatus().getConditions() != null) {
          for (PodCondition c : p.getStatus().getConditions()) {
            ready += c.getType() + "=" + c.getReason() + " ";
          }
        }
        r = "none:" + p.getMetadata().getName() + ":" + ready + p.getMetadata().getAnnotations();
      }
      out.merge(r, 1L, Long::sum);
    }
    return out;
  }

  static double pct(List<Double> values, int p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> s = new ArrayList<>(values);
    Collections.sort(s);
    int idx = (int) Math.ceil(p / 100.0 * s.size()) - 1;
    return s.get(Math.max(0, Math.min(s.size() - 1, idx)));
  }

  private static void startChassis(Path dir, OvsdbServer conf, OvsdbServer sb, List<Long> pids)
      throws IOException {
    vsctl(dir, conf, List.of("init"));
    vsctl(
        dir,
        conf,
        List.of(
            "set",
            "Open_vSwitch",
            ".",
            "external_ids:system-id=" + NODE,
            "external_ids:hostname=" + NODE,
            "external_ids:ovn-remote=" + sb.tcpRemote(),
            "external_ids:ovn-encap-type=geneve",
            "external_ids:ovn-encap-ip=127.0.0.1",
            "external_ids:ovn-bridge=br-rlz"));
    // --enable-dummy=override: every netdev is a dummy, so no tap or kernel datapath is created.
    Exec.check(
        dir,
        CMD,
        "ovs-vswitchd",
        "--detach",
        "--no-chdir",
        "--pidfile=" + dir.resolve("vswitchd.pid"),
        "--log-file=" + dir.resolve("vswitchd.log"),
        "--unixctl=" + dir.resolve("vswitchd.ctl"),
        "--enable-dummy=override",
        conf.unixRemote());
    pids.add(Long.parseLong(Files.readString(dir.resolve("vswitchd.pid")).trim()));
    Exec.check(
        dir,
        CMD,
        "ovn-controller",
        "--detach",
        "--no-chdir",
        "--pidfile=" + dir.resolve("ovn-controller.pid"),
        "--log-file=" + dir.resolve("ovn-controller.log"),
        conf.unixRemote());
    pids.add(Long.parseLong(Files.readString(dir.resolve("ovn-controller.pid")).trim()));
  }

  private static void nbctl(Path dir, OvsdbServer nb, List<String> args) {
    List<String> cmd =
        new ArrayList<>(List.of("ovn-nbctl", "--db=" + nb.tcpRemote(), "--timeout=280"));
    cmd.addAll(args);
    Exec.check(dir, CMD, cmd.toArray(String[]::new));
  }

  private static void vsctl(Path dir, OvsdbServer conf, List<String> args) {
    List<String> cmd =
        new ArrayList<>(
            List.of("ovs-vsctl", "--db=" + conf.unixRemote(), "--no-wait", "--timeout=280"));
    cmd.addAll(args);
    Exec.check(dir, CMD, cmd.toArray(String[]::new));
  }

  /** utime + stime of a process, from /proc (clock ticks of 1/100 s). */
  static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  static String name(int i) {
    return "rlz-" + i;
  }

  static String ip(int i) {
    return "10.16." + (i / 250 + 1) + "." + (i % 250 + 2);
  }

  /** Never all zeros (an invalid pod MAC): pod i gets i + 1. */
  static String mac(int i) {
    i = i + 1;
    return String.format(
        Locale.ROOT, "00:00:00:%02x:%02x:%02x", (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff);
  }

  static String eip(int i) {
    return "172.56." + (i / 250 + 1) + "." + (i % 250 + 2);
  }

  static String changedEip(int j) {
    return "172.56." + (200 + j / 250) + "." + (j % 250 + 2);
  }

  private static Pod pod(int i, String eip) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name(i))
        .withNamespace("default")
        .addToAnnotations("ovn.kubernetes.io/allocated", "true")
        .addToAnnotations("ovn.kubernetes.io/ip_address", ip(i))
        .addToAnnotations("ovn.kubernetes.io/mac_address", mac(i))
        .addToAnnotations("ovn.kubernetes.io/logical_switch", "ovn-default")
        .addToAnnotations("ovn.kubernetes.io/eip", eip)
        .endMetadata()
        .withNewSpec()
        .withNodeName(NODE)
        .addNewContainer()
        .withName("c")
        .withImage("nginx")
        .endContainer()
        .endSpec()
        .build();
  }

  /** Sets the pod's EIP; retried on a conflict with the controller's own status writes. */
  private static void edit(KubernetesClient client, String pod, String eip)
      throws InterruptedException {
    for (int attempt = 0; ; attempt++) {
      try {
        client
            .pods()
            .inNamespace("default")
            .withName(pod)
            .edit(
                p -> {
                  p.getMetadata().getAnnotations().put("ovn.kubernetes.io/eip", eip);
                  return p;
                });
        return;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt > 20) {
          throw e;
        }
        Thread.sleep(10);
      }
    }
  }

  private static int intArg(String[] args, String name, int def) {
    return Integer.parseInt(strArg(args, name, String.valueOf(def)));
  }

  private static String strArg(String[] args, String name, String def) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return def;
  }

  /** The benchmark's own informer on the pods' realized condition. */
  static final class Watcher implements AutoCloseable {
    private final SharedIndexInformer<Pod> informer;
    private final Map<String, Long> firstRealized = new ConcurrentHashMap<>();
    private final Map<String, String> messages = new ConcurrentHashMap<>();
    private final Map<String, String> expectNewer = new ConcurrentHashMap<>();
    private final Map<String, Long> newerRealized = new ConcurrentHashMap<>();

    Watcher(KubernetesClient client) {
      informer =
          client
              .pods()
              .inNamespace("default")
              .inform(
                  new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Pod pod) {
                      seen(pod);
                    }

                    @Override
                    public void onUpdate(Pod oldPod, Pod newPod) {
                      seen(newPod);
                    }

                    @Override
                    public void onDelete(Pod pod, boolean unknown) {}
                  });
    }

    private void seen(Pod pod) {
      long now = System.nanoTime();
      String n = pod.getMetadata().getName();
      if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
        return;
      }
      for (PodCondition c : pod.getStatus().getConditions()) {
        if (REALIZED.equals(c.getType()) && "True".equals(c.getStatus())) {
          firstRealized.putIfAbsent(n, now);
          String before = expectNewer.get(n);
          if (before != null && !before.equals(c.getMessage())) {
            newerRealized.putIfAbsent(n, now);
            expectNewer.remove(n);
          }
          messages.put(n, c.getMessage());
        }
      }
    }

    int realizedCount() {
      return firstRealized.size();
    }

    Long firstRealizedAt(String pod) {
      return firstRealized.get(pod);
    }

    String message(String pod) {
      return messages.getOrDefault(pod, "");
    }

    void expectNewer(String pod) {
      expectNewer.put(pod, message(pod));
    }

    int pendingNewer() {
      return expectNewer.size();
    }

    Long newerRealizedAt(String pod) {
      return newerRealized.get(pod);
    }

    @Override
    public void close() {
      informer.close();
    }
  }
}

package io.ovneip.bench.controller;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.ovneip.bench.Args;
import io.ovneip.controller.Controller;
import io.ovneip.controller.ControllerOptions;
import io.ovneip.controller.kube.RoutedOwner;
import io.ovneip.model.input.GatewaySettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;

/**
 * The controller under test, alone in its own JVM (the benchmark starts it with {@code -Xmx256m},
 * the memory goal), so that heap and RSS are the controller's and not the benchmark's.
 * Talks to the benchmark over stdio: prints {@code SYNCED} once {@link Controller#start} returned
 * (the informers and NB/SB replicas are synced), answers {@code stats} with one {@code STATS} line
 * and exits on {@code quit} or when stdin closes (the benchmark died); prints {@code IDLE} once its
 * first full reconcile is done and nothing is left to do; writes its JFR recording on {@code dump}
 * (before the benchmark kills it with SIGKILL).
 *
 * <p>{@code --routed-owner} (default {@code kube-ovn}): the benchmark's cluster is Kube-OVN's
 * (every pod's port is Kube-OVN's), so {@code ovn.kubernetes.io/routed} is Kube-OVN's and the
 * controller shows its work by the {@code ovn-eip.io/ready} condition and the {@code
 * ovn-eip.io/applied} annotation (docs/behaviour.md §5).
 *
 * <p>Usage: {@code ControllerMain --nb REMOTES --sb REMOTE --kube URL [--routed-owner kube-ovn]}.
 */
public final class ControllerMain {
  /** Every write request this controller's Kubernetes client sends. */
  private static final ApiWriteCounter API_WRITES = new ApiWriteCounter();

  private ControllerMain() {}

  public static void main(String[] args) throws IOException {
    Args a =
        Args.parse(args)
            .allow(
                "ControllerMain --nb REMOTES --sb REMOTE --kube URL [--routed-owner kube-ovn]",
                "nb",
                "sb",
                "kube",
                "routed-owner");
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(a.string("kube", null))
            .withNamespace("default")
            .withTrustCerts(true)
            .withRequestTimeout(30_000)
            .build();
    ControllerOptions options =
        new ControllerOptions(
                GatewaySettings.defaults(),
                new ControllerOptions.Ovn(
                    a.string("nb", null),
                    a.string("sb", null),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty()),
                Optional.empty(),
                // One replica: no election, as in the controller's own integration tests.
                new ControllerOptions.Election(false, "kube-system", "ovn-eip-controller", "bench"),
                // The periodic resync stays out of the measured phases.
                Duration.ofHours(1))
            .withRoutedOwner(RoutedOwner.parse(a.string("routed-owner", "kube-ovn")));
    try (KubernetesClient client =
            new KubernetesClientBuilder()
                .withConfig(config)
                .withHttpClientBuilderConsumer(
                    b -> b.addOrReplaceInterceptor("bench-api-writes", API_WRITES))
                .build();
        Controller controller = Controller.start(options, client)) {
      System.out.println("SYNCED");
      System.out.flush();
      announceIdle(controller);
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.equals("stats")) {
          System.out.println("STATS " + stats(controller));
          System.out.flush();
        } else if (line.equals("settle")) {
          settle(controller);
          System.out.println("SETTLED");
          System.out.flush();
        } else if (line.equals("dump")) {
          dumpRecordings();
          System.out.println("DUMPED");
          System.out.flush();
        } else if (line.equals("quit")) {
          break;
        }
      }
    }
    System.out.println("BYE");
    System.out.flush();
  }

  /**
   * Prints {@code IDLE <stats>} once, the first time the controller is idle after its first full
   * reconcile (queued at start, before {@code SYNCED}): every owner verified, every pod's status
   * checked, nothing left to do. The restart catch-up ends there.
   */
  private static void announceIdle(Controller controller) {
    Thread t =
        new Thread(
            () -> {
              try {
                while (controller.metrics().reconcileSeconds.getCount() < 1 || !controller.idle()) {
                  Thread.sleep(5);
                }
                long atNanos = System.nanoTime();
                long txns = (long) controller.metrics().transactions.getLongValue();
                long writes = API_WRITES.writes();
                synchronized (System.out) {
                  System.out.println(
                      String.format(
                          "IDLE {\"idle_nanos\":%d,\"transactions\":%d,\"api_writes\":%d}",
                          atNanos, txns, writes));
                  System.out.flush();
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "bench-idle");
    t.setDaemon(true);
    t.start();
  }

  /** Returns once the controller has been idle for ten checks in a row, 100 ms apart. */
  private static void settle(Controller controller) {
    try {
      for (int quiet = 0; quiet < 10; ) {
        quiet = controller.idle() ? quiet + 1 : 0;
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Writes the JFR recordings now: the benchmark is about to kill this JVM with SIGKILL. */
  private static void dumpRecordings() throws IOException {
    for (Recording r : FlightRecorder.getFlightRecorder().getRecordings()) {
      if (r.getDestination() != null) {
        r.dump(r.getDestination());
      }
    }
  }

  /**
   * Transactions sent, reconciles run (and their seconds), heap after a full GC, RSS and its
   * high-water mark (MiB), as JSON.
   */
  private static String stats(Controller controller) throws IOException {
    System.gc();
    System.gc(); // a second pass collects what the first one only finalized
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    return String.format(
        "{\"transactions\":%d,\"api_writes\":%d,\"reconciles\":%d,\"reconcile_s\":%.2f,\"heap_mb\":%.1f,\"rss_mb\":%.1f,\"rss_peak_mb\":%.1f,"
            + "\"max_heap_mb\":%.1f}",
        controller.metrics().transactions.getLongValue(),
        API_WRITES.writes(),
        controller.metrics().reconcileSeconds.getCount(),
        controller.metrics().reconcileSeconds.getSum(),
        heap / 1048576.0,
        statusKb("VmRSS") / 1024.0,
        statusKb("VmHWM") / 1024.0,
        Runtime.getRuntime().maxMemory() / 1048576.0);
  }

  /** A {@code kB} line of {@code /proc/self/status}. */
  static long statusKb(String key) throws IOException {
    for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (l.startsWith(key + ":")) {
        return Long.parseLong(l.substring(key.length() + 1).replace("kB", "").trim());
      }
    }
    return -1;
  }
}

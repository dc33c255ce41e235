package io.ovneip.bench.controller;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.ovneip.bench.Args;
import io.ovneip.controller.Controller;
import io.ovneip.controller.ControllerOptions;
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

/**
 * The controller under test, alone in its own JVM (the benchmark starts it with {@code -Xmx256m},
 * the memory goal), so that heap and RSS are the controller's and not the benchmark's.
 * Talks to the benchmark over stdio: prints {@code SYNCED} once {@link Controller#start} returned
 * (the informers and NB/SB replicas are synced), answers {@code stats} with one {@code STATS} line
 * and exits on {@code quit} or when stdin closes (the benchmark died).
 *
 * <p>Usage: {@code ControllerMain --nb REMOTES --sb REMOTE --kube URL}.
 */
public final class ControllerMain {
  private ControllerMain() {}

  public static void main(String[] args) throws IOException {
    Args a =
        Args.parse(args)
            .allow("ControllerMain --nb REMOTES --sb REMOTE --kube URL", "nb", "sb", "kube");
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
            Duration.ofHours(1));
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        Controller controller = Controller.start(options, client)) {
      System.out.println("SYNCED");
      System.out.flush();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.equals("stats")) {
          System.out.println("STATS " + stats(controller));
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
   * Transactions sent, reconciles run (and their seconds), heap after a full GC, RSS and its
   * high-water mark (MiB), as JSON.
   */
  private static String stats(Controller controller) throws IOException {
    System.gc();
    System.gc(); // a second pass collects what the first one only finalized
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    return String.format(
        "{\"transactions\":%d,\"reconciles\":%d,\"reconcile_s\":%.2f,\"heap_mb\":%.1f,\"rss_mb\":%.1f,\"rss_peak_mb\":%.1f,"
            + "\"max_heap_mb\":%.1f}",
        controller.metrics().transactions.getLongValue(),
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

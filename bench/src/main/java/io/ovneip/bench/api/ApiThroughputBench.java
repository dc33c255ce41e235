package io.ovneip.bench.api;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.ovneip.bench.Args;
import io.ovneip.bench.Log;
import io.ovneip.kubeapi.EmbeddedKubeApi;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How many of the controller's status writes per second the embedded Kubernetes API sustains with
 * many pods stored and two pod watches open ({@link ApiLoad}), for each API setup in the same run
 * (the machine is shared: only ratios within one run mean anything).
 *
 * <p>Usage: {@code ApiThroughputBench [--pods 10000] [--written 1000] [--targets stock,embedded]}.
 * Targets: {@code stock} is fabric8's CRUD mock as shipped; {@code embedded} is the project's
 * {@link EmbeddedKubeApi} through its public port, as the controller reaches it.
 */
public final class ApiThroughputBench {
  private static final int TIMEOUT_MILLIS = 30_000;

  /** The mock logs every request at INFO through java.util.logging; held: JUL keeps it weakly. */
  private static final Logger MOCK_LOG = Logger.getLogger(MockWebServer.class.getName());

  private ApiThroughputBench() {}

  public static void main(String[] args) throws Exception {
    Args a =
        Args.parse(args)
            .allow(
                "ApiThroughputBench [--pods 10000] [--written 1000] [--targets stock,embedded]",
                "pods",
                "written",
                "targets");
    MOCK_LOG.setLevel(Level.WARNING);
    int pods = a.integer("pods", 10_000);
    int written = a.integer("written", 1_000);
    List<ApiLoad.Result> results = new ArrayList<>();
    for (String target : Arrays.asList(a.string("targets", "stock,embedded").split(","))) {
      Log.line("=== " + target + ": " + pods + " pods, " + written + " written");
      ApiLoad.Result r = measure(target.trim(), pods, written);
      Log.line(line(r));
      results.add(r);
    }
    Log.line("--- summary");
    results.forEach(r -> Log.line(line(r)));
    ApiLoad.Result base = results.get(0);
    for (ApiLoad.Result r : results.subList(1, results.size())) {
      Log.line(
          String.format(
              "%s vs %s: %.1fx answered, %.1fx watched, %.1fx per API CPU second",
              r.target(),
              base.target(),
              r.answeredPerS() / base.answeredPerS(),
              r.watchedPerS() / base.watchedPerS(),
              r.perApiCpuS() / base.perApiCpuS()));
    }
  }

  private static String line(ApiLoad.Result r) {
    return String.format(
        "%-9s pods=%d seed %.1f s; %d writes answered in %.2f s (%.0f/s), watched by both"
            + " informers in %.2f s (%.0f/s); API threads %.2f CPU s (%.0f writes per CPU s);"
            + " order violations %d",
        r.target(),
        r.pods(),
        r.seedS(),
        r.requests(),
        r.answeredS(),
        r.answeredPerS(),
        r.watchedS(),
        r.watchedPerS(),
        r.apiCpuS(),
        r.perApiCpuS(),
        r.orderViolations());
  }

  private static ApiLoad.Result measure(String target, int pods, int written) throws Exception {
    switch (target) {
      case "stock":
        KubernetesMockServer mock =
            new KubernetesMockServer(
                new Context(),
                new MockWebServer(),
                new HashMap<>(),
                new KubernetesCrudDispatcher(),
                false);
        mock.init(InetAddress.getLoopbackAddress(), 0);
        try {
          String url =
              "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + mock.getPort();
          return new ApiLoad(target, plain(url), pods, written).run();
        } finally {
          mock.destroy();
        }
      case "embedded":
        try (EmbeddedKubeApi api = EmbeddedKubeApi.start(0)) {
          return new ApiLoad(target, api.clientConfig(), pods, written).run();
        }
      default:
        throw new IllegalArgumentException("unknown target " + target);
    }
  }

  private static Config plain(String url) {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(url)
        .withNamespace("default")
        .withConnectionTimeout(TIMEOUT_MILLIS)
        .withRequestTimeout(TIMEOUT_MILLIS)
        .build();
  }
}

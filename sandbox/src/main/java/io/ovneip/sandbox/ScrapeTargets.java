package io.ovneip.sandbox;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox's /metrics endpoints in Prometheus' file service discovery format ({@code
 * file_sd_configs}): one group for the controller, one per node agent, labelled {@code component}
 * and {@code node} as the PodMonitors of deploy/monitoring would label pods. Written whether or not
 * a Prometheus runs, so that any Prometheus can be pointed at a sandbox.
 */
final class ScrapeTargets {
  private ScrapeTargets() {}

  static void write(
      Path file, Optional<String> controllerMetricsUrl, Map<String, String> agentMetrics) {
    List<Map<String, Object>> groups = new ArrayList<>();
    controllerMetricsUrl.ifPresent(
        url -> groups.add(group(hostPort(url), Map.of("component", "controller"))));
    agentMetrics.forEach(
        (node, hostPort) -> {
          Map<String, String> labels = new LinkedHashMap<>();
          labels.put("component", "agent");
          labels.put("node", node);
          groups.add(group(hostPort, labels));
        });
    Sandbox.writeAtomically(
        file,
        JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(groups)
            + "\n");
  }

  private static Map<String, Object> group(String hostPort, Map<String, String> labels) {
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("targets", List.of(hostPort));
    g.put("labels", labels);
    return g;
  }

  /** {@code 127.0.0.1:PORT} of {@code http://127.0.0.1:PORT/metrics}. */
  private static String hostPort(String url) {
    URI u = URI.create(url);
    return u.getHost() + ":" + u.getPort();
  }
}

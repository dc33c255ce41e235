package io.ovneip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovneip.agent.AgentStatus;
import io.ovneip.model.ovs.OvsPlan;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The agent's metrics follow its status at each scrape; the alerts of deploy/monitoring use them.
 */
class AgentMetricsTest {
  private final AtomicReference<AgentStatus> status =
      new AtomicReference<>(new AgentStatus(0, 0, 0, Optional.empty()));

  @Test
  void refusingIsOneWhileTheLastPassWasRefused() throws Exception {
    var registry = AgentMetrics.registry(status::get);
    assertThat(scrape(registry)).contains("ovn_eip_agent_refusing 0.0", "ovn_eip_agent_ready 0.0");

    status.set(new AgentStatus(3, 1, 1, Optional.of(OvsPlan.Outcome.REFUSED)));
    assertThat(scrape(registry))
        .contains(
            "ovn_eip_agent_refusing 1.0",
            "ovn_eip_agent_ready 1.0",
            "ovn_eip_agent_reconciles_total 3.0",
            "ovn_eip_agent_failures_total 1.0");

    status.set(new AgentStatus(4, 2, 1, Optional.of(OvsPlan.Outcome.APPLY)));
    assertThat(scrape(registry)).contains("ovn_eip_agent_refusing 0.0");
    status.set(new AgentStatus(5, 2, 1, Optional.of(OvsPlan.Outcome.HELD)));
    assertThat(scrape(registry)).contains("ovn_eip_agent_refusing 0.0");
  }

  /** What Prometheus reads: the registry served as `ovn-eip agent --metrics-addr` serves it. */
  private static String scrape(PrometheusRegistry registry) throws Exception {
    try (ObservabilityServer server =
        ObservabilityServer.start("127.0.0.1:0", registry, () -> true, () -> true)) {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      return http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    }
  }
}

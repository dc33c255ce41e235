package io.ovneip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovneip.controller.metrics.ControllerMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ObservabilityServerTest {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void servesTheControllersMetricsAndProbesThatFollowReadiness() throws Exception {
    ControllerMetrics metrics = new ControllerMetrics();
    metrics.transactions.inc();
    metrics.ownedRows.labelValues("NAT").set(3);
    AtomicBoolean ready = new AtomicBoolean(false);
    try (ObservabilityServer server =
        ObservabilityServer.start("127.0.0.1:0", metrics.registry(), () -> true, ready::get)) {
      String base = "http://127.0.0.1:" + server.port();
      HttpResponse<String> m = get(base + "/metrics");
      assertThat(m.statusCode()).isEqualTo(200);
      assertThat(m.body())
          .contains("ovn_eip_nb_transactions_total 1.0")
          .contains("ovn_eip_owned_rows{table=\"NAT\"} 3.0")
          .contains("ovn_eip_annotation_to_commit_seconds");
      assertThat(get(base + "/healthz").statusCode()).isEqualTo(200);
      assertThat(get(base + "/readyz").statusCode()).isEqualTo(503);
      ready.set(true);
      assertThat(get(base + "/readyz").statusCode()).isEqualTo(200);
      assertThat(get(base + "/nothing").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void noAddressMeansNoServer() throws Exception {
    try (AutoCloseable none =
        ObservabilityServer.startIfAsked(
            null, new ControllerMetrics().registry(), () -> true, () -> true)) {
      assertThat(none).isNotInstanceOf(ObservabilityServer.class);
    }
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

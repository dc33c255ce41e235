package io.ovneip.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ovneip.sandbox.exec.CommandResult;
import io.ovneip.sandbox.exec.CommandRunner;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 18: {@code sandbox up --prometheus} runs a real Prometheus (Debian's package) scraping the
 * sandbox's controller and agents with the alerts of deploy/monitoring; a conflict between two pods
 * raises its alert, seen through Prometheus' HTTP API, and every query of the Grafana dashboard
 * evaluates against it to a result, on metrics that exist.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the conflict is made once, after "before"
class SandboxPrometheusIT {
  private static final Path MONITORING = Path.of("..", "deploy", "monitoring");
  private static final Pattern METRIC = Pattern.compile("\\bovn_eip_[a-z_]+\\b");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir static Path tmp;
  private static Path dir;
  private static CommandRunner shell;
  private static String prometheus;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void up() throws IOException {
    dir = tmp.resolve("sb");
    CommandResult up =
        SandboxCli.run(
            Duration.ofMinutes(3), "sandbox", "up", "--dir", dir.toString(), "--prometheus");
    assertThat(up.exitCode()).as(up.output()).isZero();
    Map<String, String> env = SandboxUpDownIT.exports(dir.resolve("env"));
    shell = new CommandRunner(env);
    prometheus = env.get("OVN_EIP_PROMETHEUS_URL");
    assertThat(prometheus).as("OVN_EIP_PROMETHEUS_URL in DIR/env").startsWith("http://127.0.0.1:");
    assertThat(up.output()).contains("metrics: " + prometheus);
  }

  @AfterAll
  static void down() {
    SandboxCli.downQuietly(dir);
  }

  @Test
  @Order(1)
  void scrapesTheControllerAndEveryAgent() {
    List<String> up =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> {
                  List<String> healthy = new ArrayList<>();
                  for (JsonNode t : api("/api/v1/targets").get("activeTargets")) {
                    if (t.get("health").asText().equals("up")) {
                      JsonNode labels = t.get("labels");
                      healthy.add(
                          labels.get("component").asText()
                              + (labels.has("node") ? "/" + labels.get("node").asText() : ""));
                    }
                  }
                  return healthy;
                },
                h -> h.size() == 4);
    assertThat(up)
        .containsExactlyInAnyOrder(
            "controller",
            "agent/kube-ovn-control-plane",
            "agent/kube-ovn-worker",
            "agent/kube-ovn-worker2");
  }

  @Test
  @Order(2)
  void aConflictRaisesItsAlert() throws IOException {
    awaitOneEvaluation();
    assertThat(alertStates("OvnEipPodsWaitingOnConflict")).as("before the conflict").isEmpty();

    applySeedWithAConflict();

    List<String> states =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> alertStates("OvnEipPodsWaitingOnConflict"), s -> !s.isEmpty());
    // `for: 10m`: pending now, firing ten minutes later; either is the alert raised.
    assertThat(states).containsAnyOf("pending", "firing");
    JsonNode conflicts = api("/api/v1/query?query=" + encode("ovn_eip_pods_in_conflict"));
    assertThat(conflicts.get("result").get(0).get("value").get(1).asText()).isEqualTo("1");
  }

  @Test
  @Order(4)
  void everyDashboardQueryEvaluatesOnMetricsThatExist() throws IOException {
    applySeedWithAConflict(); // idempotent; gives every labelled gauge its series
    List<String> queries = dashboardQueries();
    assertThat(queries).hasSizeGreaterThanOrEqualTo(10);
    for (String q : queries) {
      // A rate() needs two scrapes, a fresh gauge one: wait for a result, then judge it.
      JsonNode data =
          await()
              .atMost(Duration.ofSeconds(60))
              .until(
                  () -> api("/api/v1/query?query=" + encode(q)), d -> d.get("result").size() > 0);
      assertThat(data.get("resultType").asText()).as(q).isEqualTo("vector");
      assertThat(metricsIn(q)).as(q).isNotEmpty().isSubsetOf(exportedMetrics());
    }
  }

  @Test
  @Order(3)
  void everyAlertIsLoadedHealthyAndOnMetricsThatExist() throws IOException {
    awaitOneEvaluation();
    JsonNode group = ovnEipRuleGroup();
    Set<String> alerts = new TreeSet<>();
    Set<String> missing = new TreeSet<>();
    Set<String> exported = exportedMetrics();
    for (JsonNode rule : group.get("rules")) {
      alerts.add(rule.get("name").asText());
      assertThat(rule.get("health").asText()).as(rule.get("name").asText()).isEqualTo("ok");
      metricsIn(rule.get("query").asText()).stream()
          .filter(m -> !exported.contains(m))
          .forEach(missing::add);
    }
    assertThat(alerts)
        .containsExactlyInAnyOrder(
            "OvnEipNoLeader",
            "OvnEipNorthboundDisconnected",
            "OvnEipReconcileErrors",
            "OvnEipOwnersQuarantined",
            "OvnEipPodsWaitingOnConflict",
            "OvnEipPodsWithInvalidInput",
            "OvnEipGatewayConfigInvalid",
            "OvnEipDriftRepairsRecurring",
            "OvnEipAgentRefusingNic");
    assertThat(missing).as("metrics no program exports").isEmpty();
    // A healthy sandbox has a leader and a connected controller: those alerts stay quiet.
    assertThat(alertStates("OvnEipNoLeader")).isEmpty();
    assertThat(alertStates("OvnEipNorthboundDisconnected")).isEmpty();
  }

  @Test
  @Order(5) // last: the sandbox has no Northbound DB afterwards
  void aNorthboundDbThatDiesRaisesTheDisconnectedAlert() {
    assertThat(alertStates("OvnEipNorthboundDisconnected")).isEmpty();
    long nb = PidRecords.read(new SandboxLayout(dir).pids()).get("ovnnb_db");
    assertThat(OwnedProcesses.stop(nb, Duration.ofSeconds(10))).isTrue();

    List<String> states =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> alertStates("OvnEipNorthboundDisconnected"), s -> !s.isEmpty());
    assertThat(states).containsExactly("pending"); // `for: 1m`
    JsonNode connected = api("/api/v1/query?query=" + encode("ovn_eip_nb_connected"));
    assertThat(connected.get("result").get(0).get("value").get(1).asText()).isEqualTo("0");
  }

  private static void applySeedWithAConflict() throws IOException {
    Path seed = tmp.resolve("conflict.yaml");
    Files.writeString(
        seed,
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: ovn-external-gw-config
          namespace: kube-system
        data:
          enable-external-gw: "true"
          external-gw-nodes: "kube-ovn-worker"
          external-gw-nic: "eth1"
          external-gw-addr: "172.56.0.1/16"
          nic-ip: "172.56.0.254/16"
          nic-mac: "16:52:f3:13:6a:25"
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: holder
          annotations:
            ovn.kubernetes.io/eip: 172.56.0.240
        spec:
          containers:
          - name: c
            image: docker.io/library/nginx:alpine
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: latecomer
          annotations:
            ovn.kubernetes.io/eip: 172.56.0.240
        spec:
          containers:
          - name: c
            image: docker.io/library/nginx:alpine
        """);
    shell.run(Duration.ofSeconds(30), "kubectl", "apply", "-f", seed.toString()).orThrow();
  }

  /** Waits until the ovn-eip group has been evaluated once (rule health is known). */
  private static void awaitOneEvaluation() {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !ovnEipRuleGroup().get("lastEvaluation").asText().startsWith("0001-"));
  }

  private static JsonNode ovnEipRuleGroup() {
    for (JsonNode g : api("/api/v1/rules").get("groups")) {
      if (g.get("name").asText().equals("ovn-eip")) {
        return g;
      }
    }
    throw new AssertionError("no rule group ovn-eip loaded");
  }

  private static List<String> alertStates(String name) {
    List<String> states = new ArrayList<>();
    for (JsonNode a : api("/api/v1/alerts").get("alerts")) {
      if (a.get("labels").get("alertname").asText().equals(name)) {
        states.add(a.get("state").asText());
      }
    }
    return states;
  }

  private static Set<String> exportedMetrics() {
    Set<String> names = new TreeSet<>();
    api("/api/v1/label/__name__/values").forEach(n -> names.add(n.asText()));
    return names;
  }

  private static List<String> dashboardQueries() throws IOException {
    JsonNode dashboard = JSON.readTree(MONITORING.resolve("ovn-eip-dashboard.json").toFile());
    List<String> queries = new ArrayList<>();
    for (JsonNode panel : dashboard.get("panels")) {
      for (JsonNode target : panel.get("targets")) {
        queries.add(target.get("expr").asText());
      }
    }
    return queries;
  }

  private static Set<String> metricsIn(String query) {
    Set<String> names = new TreeSet<>();
    Matcher m = METRIC.matcher(query);
    while (m.find()) {
      names.add(m.group());
    }
    return names;
  }

  /** GET on Prometheus' API; fails on any status but success, returns {@code data}. */
  private static JsonNode api(String pathAndQuery) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(prometheus + pathAndQuery))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(r.body());
      assertThat(body.get("status").asText())
          .as(pathAndQuery + ": " + r.body())
          .isEqualTo("success");
      assertThat(body.has("warnings")).as(pathAndQuery + ": " + r.body()).isFalse();
      return body.get("data");
    } catch (IOException e) {
      throw new AssertionError("GET " + pathAndQuery + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static String encode(String q) {
    return URLEncoder.encode(q, StandardCharsets.UTF_8);
  }
}

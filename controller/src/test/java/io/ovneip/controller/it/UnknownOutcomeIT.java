package io.ovneip.controller.it;

import static io.ovneip.controller.it.ControllerHarness.SEED_CONFIG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.ovneip.controller.Controller;
import io.ovneip.model.input.GatewaySettings;
import io.ovneip.testkit.KubeOvnBaseTopology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, "Failures stay local", second item (docs/behaviour.md §9.2): a transaction whose
 * outcome is unknown (no reply within the call timeout) may still commit, so the next diff waits
 * until the replica has caught up with the server, and no NAT row or policy is inserted twice.
 *
 * <p>How the race is provoked: the NB ovsdb-server is frozen with SIGSTOP, then two pods are
 * annotated. The controller's transaction gets no reply within its (shortened, 1 s) call timeout
 * and fails; the batch is retried with backoff while the server is still frozen. The connection
 * stays open (the freeze is shorter than the inactivity probe's silence plus its own timeout), so
 * every request the controller sends meanwhile waits in the socket and the server runs them all, in
 * order, on SIGCONT. A retry that diffed against the replica as it was (no rows yet) would queue a
 * second insert of the same rows; after SIGCONT both would commit.
 */
class UnknownOutcomeIT extends ControllerItBase {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(1);

  /**
   * The longest freeze: several call timeouts (so retries while frozen), under the inactivity
   * probe's limit (5 s of silence, then 5 s for the echo) so the connection stays up.
   */
  private static final Duration FROZEN = Duration.ofSeconds(7);

  private final List<Monitor> monitors = new java.util.ArrayList<>();

  @org.junit.jupiter.api.AfterEach
  void stopMonitors() throws IOException {
    for (Monitor m : monitors) {
      m.close();
    }
  }

  @BeforeEach
  void gatewayNode() {
    ovn.withChassis("chassis-worker", "kube-ovn-worker");
    ControllerHarness.node(client, "kube-ovn-worker", "chassis-worker");
  }

  @Test
  void aTransactionWithoutReplyIsNotWrittenTwice() throws Exception {
    ControllerHarness.configMap(client, SEED_CONFIG);
    try (Controller c =
        Controller.start(
            ControllerHarness.options(ovn, GatewaySettings.defaults(), false, "test")
                .withCallTimeout(CALL_TIMEOUT),
            client)) {
      ControllerHarness.pod(
          ovn,
          client,
          "warm",
          "10.16.0.9",
          "00:00:00:00:00:09",
          Map.of("ovn.kubernetes.io/eip", "172.56.0.209"));
      await().atMost(WAIT).until(() -> "True".equals(condition("warm")));
      // Every NAT and policy change from now on, as the real ovsdb-client sees it: a retry that
      // wrote the rows twice would show two inserts, even if a later reconcile cleaned up.
      Monitor nat = new Monitor("NAT", "external_ip");
      Monitor policy = new Monitor("Logical_Router_Policy", "match");
      await().atMost(WAIT).until(() -> nat.text().contains("172.56.0.209"));
      await().atMost(WAIT).until(() -> policy.text().contains("10.16.0.9"));
      // The pods' ports first (the CNI's part, before the freeze), then the pods, frozen.
      ovn.nbctl(port("eip", "00:00:00:00:00:21", "10.16.0.21"));
      ovn.nbctl(port("snat", "00:00:00:00:00:22", "10.16.0.22"));
      double errorsBefore = c.metrics().reconcileErrors.get();
      signal("STOP");
      try {
        ControllerHarness.podWithoutPort(
            client,
            "eip",
            "10.16.0.21",
            "00:00:00:00:00:21",
            Map.of("ovn.kubernetes.io/eip", "172.56.0.221"));
        ControllerHarness.podWithoutPort(
            client,
            "snat",
            "10.16.0.22",
            "00:00:00:00:00:22",
            Map.of("ovn.kubernetes.io/snat", "172.56.0.222"));
        // Frozen until the first transaction got no reply and a retry came while still frozen:
        // the moment a retry that diffed at once would queue a second insert. Bounded well under
        // the inactivity probe's limit, so the connection stays up.
        await()
            .atMost(FROZEN)
            .pollInterval(Duration.ofMillis(50))
            .until(() -> c.metrics().reconcileErrors.get() >= errorsBefore + 2);
        Thread.sleep(CALL_TIMEOUT.toMillis() / 2);
      } finally {
        signal("CONT");
      }
      await().atMost(WAIT).until(() -> "True".equals(condition("eip")));
      await().atMost(WAIT).until(() -> "True".equals(condition("snat")));
      assertThat(applied("eip")).isEqualTo("eip=172.56.0.221");
      assertThat(applied("snat")).isEqualTo("snat=172.56.0.222");
      // Let every request sent during the freeze run and the controller settle, then count.
      await()
          .atMost(WAIT)
          .until(
              () ->
                  ovn.nbctl("--bare", "--columns=_uuid", "list", "NAT")
                          .lines()
                          .filter(l -> !l.isBlank())
                          .count()
                      >= 3);
      Thread.sleep(2 * CALL_TIMEOUT.toMillis());

      nat.close();
      policy.close();
      assertThat(nat.count("insert", "172.56.0.221")).as(nat.text()).isEqualTo(1);
      assertThat(nat.count("insert", "172.56.0.222")).as(nat.text()).isEqualTo(1);
      assertThat(nat.count("delete", "172.56.0.22")).as(nat.text()).isZero();
      assertThat(policy.count("insert", "10.16.0.21")).as(policy.text()).isEqualTo(1);
      assertThat(policy.count("insert", "10.16.0.22")).as(policy.text()).isEqualTo(1);
      assertThat(policy.count("delete", "10.16.0.2")).as(policy.text()).isZero();

      List<String> natRows = rows("NAT", "type,external_ip,logical_ip");
      assertThat(duplicates(natRows)).as("NAT rows %s", natRows).isEmpty();
      assertThat(natRows)
          .contains(
              "dnat_and_snat 172.56.0.221 10.16.0.21",
              "snat 172.56.0.222 10.16.0.22",
              "dnat_and_snat 172.56.0.209 10.16.0.9");
      List<String> policies = rows("Logical_Router_Policy", "priority,match");
      assertThat(duplicates(policies)).as("policies %s", policies).isEmpty();
      assertThat(policies).contains("29260 ip4.src == 10.16.0.21", "29260 ip4.src == 10.16.0.22");
      assertThat(c.metrics().quarantinedOwners.get()).isZero();
    }
  }

  /** {@code ovsdb-client monitor} of one table's column, its CSV output in a file. */
  private final class Monitor implements AutoCloseable {
    private final Path out;
    private final Process process;

    Monitor(String table, String column) throws IOException {
      out = Files.createTempFile("monitor-" + table, ".csv");
      process =
          new ProcessBuilder(
                  "ovsdb-client",
                  "--format=csv",
                  "monitor",
                  ovn.nb.tcpRemote(),
                  "OVN_Northbound",
                  table,
                  column)
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      monitors.add(this);
    }

    String text() throws IOException {
      return Files.readString(out);
    }

    /** Lines of {@code action} (insert, delete) naming {@code value}. */
    long count(String action, String value) throws IOException {
      return text()
          .lines()
          .filter(l -> l.contains("," + action + ",") && l.contains(value))
          .count();
    }

    @Override
    public void close() throws IOException {
      process.destroy();
      try {
        process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (process.isAlive()) {
        process.destroyForcibly();
      }
    }
  }

  private static String[] port(String pod, String mac, String ip) {
    return KubeOvnBaseTopology.podPortArgs("default", pod, mac, ip).toArray(String[]::new);
  }

  /** SIGSTOP / SIGCONT to the NB ovsdb-server. */
  private void signal(String name) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("kill", "-" + name, Long.toString(ovn.nb.pid()))
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor()).as("kill -%s %d", name, ovn.nb.pid()).isZero();
  }

  /** Each row of {@code table} as its {@code columns} joined by spaces, read with ovn-nbctl. */
  private List<String> rows(String table, String columns) {
    String out = ovn.nbctl("--bare", "--columns=" + columns, "list", table);
    int n = columns.split(",").length;
    List<String> lines = out.lines().toList();
    List<String> rows = new java.util.ArrayList<>();
    // --bare prints one column per line and a blank line between rows.
    List<String> cur = new java.util.ArrayList<>();
    for (String l : lines) {
      if (l.isBlank()) {
        if (!cur.isEmpty()) {
          rows.add(String.join(" ", cur));
          cur.clear();
        }
      } else {
        cur.add(l.trim());
      }
    }
    if (!cur.isEmpty()) {
      rows.add(String.join(" ", cur));
    }
    rows.forEach(r -> assertThat(r.split(" ").length).as(r).isGreaterThanOrEqualTo(n));
    return rows;
  }

  private static Map<String, Long> duplicates(List<String> rows) {
    return rows.stream()
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
        .entrySet()
        .stream()
        .filter(e -> e.getValue() > 1)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private Pod pod(String name) {
    return client.pods().inNamespace("default").withName(name).get();
  }

  private String applied(String name) {
    Pod p = pod(name);
    return p == null || p.getMetadata().getAnnotations() == null
        ? null
        : p.getMetadata().getAnnotations().get("ovn-eip.io/applied");
  }

  private String condition(String name) {
    Pod p = pod(name);
    if (p == null || p.getStatus() == null || p.getStatus().getConditions() == null) {
      return "";
    }
    return p.getStatus().getConditions().stream()
        .filter(c -> c.getType().equals("ovn-eip.io/ready"))
        .map(c -> c.getStatus())
        .findFirst()
        .orElse("");
  }
}

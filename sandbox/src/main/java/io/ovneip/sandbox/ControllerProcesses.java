package io.ovneip.sandbox;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ovneip.testkit.Ports;
import io.ovneip.testkit.Processes;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller replicas, each its own JVM started from the sandbox's own class path ({@code
 * io.ovneip.cli.Main controller}), as a Deployment of {@code count} replicas runs them: each with
 * its identity ({@code sandbox-controller-N}) competing for the Lease, its log {@code
 * logs/controller-N.log} and its {@code /metrics}, {@code /readyz} on a port of its own. Their pids
 * are recorded ({@code controller-N}) so that {@code down} and {@code sandbox fault} find them.
 * Separate processes because a fault must be able to kill the controller without the API.
 */
final class ControllerProcesses implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ControllerProcesses.class);

  static final String LEASE_NAMESPACE = "kube-system";
  static final String LEASE_NAME = "ovn-eip-controller";
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);
  private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(2);

  /** One replica: its identity, metrics port and, while running, its process. */
  private static final class Replica {
    final int index;
    final int metricsPort;
    Process process;

    Replica(int index, int metricsPort) {
      this.index = index;
      this.metricsPort = metricsPort;
    }

    String identity() {
      return identity(index);
    }

    static String identity(int index) {
      return "sandbox-controller-" + index;
    }

    boolean running() {
      return process != null && Processes.alive(process.pid());
    }
  }

  private final SandboxLayout layout;
  private final String nbRemote;
  private final String sbRemote;
  private final List<Replica> replicas = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();

  private ControllerProcesses(SandboxLayout layout, String nbRemote, String sbRemote, int count) {
    this.layout = layout;
    this.nbRemote = nbRemote;
    this.sbRemote = sbRemote;
    for (int i = 0; i < count; i++) {
      replicas.add(new Replica(i, Ports.free()));
    }
  }

  /**
   * Starts {@code count} replicas and waits until each is ready and one of them holds the Lease.
   */
  static ControllerProcesses start(
      SandboxLayout layout,
      KubernetesClient client,
      String nbRemote,
      String sbRemote,
      int count,
      Duration timeout) {
    ControllerProcesses c = new ControllerProcesses(layout, nbRemote, sbRemote, count);
    try {
      c.startStopped();
      c.awaitReadyAndLeader(client, timeout);
      return c;
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /** Starts every replica that is not running; returns their identities. */
  synchronized List<String> startStopped() {
    List<String> started = new ArrayList<>();
    for (Replica r : replicas) {
      if (!r.running()) {
        r.process = launch(r);
        PidRecords.write(layout.pids(), "controller-" + r.index, r.process.pid());
        LOG.info("controller {} started (pid {})", r.identity(), r.process.pid());
        started.add(r.identity() + " (pid " + r.process.pid() + ")");
      }
    }
    return started;
  }

  private Process launch(Replica r) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Small JVMs: two replicas, the sandbox's own JVM and the tests share 2 cores.
    cmd.addAll(List.of("-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1"));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.ovneip.cli.Main");
    cmd.addAll(
        List.of(
            "controller",
            "--kubeconfig",
            layout.kubeconfig().toString(),
            "--ovn-nb-addr",
            nbRemote,
            "--ovn-sb-addr",
            sbRemote,
            "--leader-elect-namespace",
            LEASE_NAMESPACE,
            "--identity",
            r.identity(),
            "--metrics-addr",
            "127.0.0.1:" + r.metricsPort));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(layout.dir().toFile());
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.redirectErrorStream(true);
    pb.redirectOutput(
        ProcessBuilder.Redirect.appendTo(
            layout.logs().resolve("controller-" + r.index + ".log").toFile()));
    try {
      return pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start controller " + r.identity(), e);
    }
  }

  private void awaitReadyAndLeader(KubernetesClient client, Duration timeout) {
    if (replicas.isEmpty()) {
      return; // --no-controller: the user brings one
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      boolean ready = replicas.stream().allMatch(r -> r.running() && answers(r, "/readyz"));
      Optional<Integer> leader = leader(client);
      if (ready && leader.isPresent()) {
        LOG.info("controllers ready; {} leads", Replica.identity(leader.get()));
        return;
      }
      List<Replica> dead = replicas.stream().filter(r -> !r.running()).toList();
      if (!dead.isEmpty() || System.nanoTime() > deadline) {
        throw new IllegalStateException(
            (dead.isEmpty() ? "the controllers were not ready in time" : "a controller exited")
                + "; see "
                + layout.logs()
                + "/controller-N.log:\n"
                + SandboxLauncher.tail(layout.logs().resolve("controller-0.log"), 20));
      }
      sleep(200);
    }
  }

  private boolean answers(Replica r, String path) {
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + r.metricsPort + path))
                  .timeout(HTTP_TIMEOUT)
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The index of our replica named as holder in the Lease, if one is (and is running). */
  synchronized Optional<Integer> leader(KubernetesClient client) {
    Lease lease = client.leases().inNamespace(LEASE_NAMESPACE).withName(LEASE_NAME).get();
    if (lease == null || lease.getSpec() == null) {
      return Optional.empty();
    }
    String holder = lease.getSpec().getHolderIdentity();
    return replicas.stream()
        .filter(r -> r.identity().equals(holder) && r.running())
        .map(r -> r.index)
        .findFirst();
  }

  /** SIGKILL one replica (a crash); returns what was done. */
  synchronized String kill(int index) {
    Replica r = replicas.get(index);
    if (!r.running()) {
      return r.identity() + " was not running";
    }
    long pid = r.process.pid();
    r.process.destroyForcibly();
    if (!OwnedProcesses.awaitDeath(pid, STOP_GRACE)) {
      throw new IllegalStateException(r.identity() + " (pid " + pid + ") survived SIGKILL");
    }
    return "killed " + r.identity() + " (pid " + pid + ") with SIGKILL";
  }

  /** SIGKILL every running replica. */
  synchronized List<String> killAll() {
    return replicas.stream().filter(Replica::running).map(r -> kill(r.index)).toList();
  }

  int count() {
    return replicas.size();
  }

  /** The first replica's {@code /metrics}; empty without a controller. */
  Optional<String> metricsUrl() {
    return replicas.stream().findFirst().map(r -> "http://127.0.0.1:" + r.metricsPort + "/metrics");
  }

  /** Every replica's {@code /metrics}, comma-separated. */
  String metricsUrls() {
    return replicas.stream()
        .map(r -> "http://127.0.0.1:" + r.metricsPort + "/metrics")
        .collect(Collectors.joining(","));
  }

  /** SIGTERM every replica (it releases the Lease), SIGKILL after a grace period. */
  @Override
  public synchronized void close() {
    for (Replica r : replicas) {
      if (r.running()) {
        r.process.destroy();
      }
    }
    for (Replica r : replicas) {
      if (r.process != null && !OwnedProcesses.awaitDeath(r.process.pid(), STOP_GRACE)) {
        r.process.destroyForcibly();
        OwnedProcesses.awaitDeath(r.process.pid(), STOP_GRACE);
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}

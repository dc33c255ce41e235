package io.ovneip.sandbox;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code up --prometheus}: a real Prometheus (Debian's package {@code prometheus}) beside a ready
 * sandbox, scraping the controller and the node agents found in {@code DIR/scrape-targets.json}
 * every 2 s with the alerts of {@code deploy/monitoring/prometheusrule.yaml} loaded (the sandbox
 * jar carries that file). It runs detached like the sandbox's other daemons: its pid is recorded,
 * so {@code down} stops it, and its address is {@code OVN_EIP_PROMETHEUS_URL} in {@code DIR/env}.
 */
final class SandboxPrometheus {
  /** Where the build puts the files of deploy/monitoring inside the jar. */
  static final String MONITORING = "io/ovneip/sandbox/monitoring/";

  private static final String INSTALL = "apt-get install -y --no-install-recommends prometheus";
  private static final Duration HTTP = Duration.ofSeconds(5);

  private SandboxPrometheus() {}

  /** Starts Prometheus for the sandbox in {@code layout} and waits until its rules are loaded. */
  static String start(SandboxLayout layout, Duration timeout) {
    Path binary = Path.of("/usr/bin/prometheus");
    if (!Files.isExecutable(binary)) {
      throw new SandboxLauncher.SandboxException(
          "--prometheus needs Debian's prometheus package; install it with: " + INSTALL);
    }
    Path dir = layout.prometheus();
    int port = freePort();
    try {
      Files.createDirectories(dir.resolve("data"));
      Files.writeString(
          dir.resolve("ovn-eip.rules.yaml"), ruleFile(resource("prometheusrule.yaml")));
      Files.writeString(dir.resolve("ovn-eip-dashboard.json"), resource("ovn-eip-dashboard.json"));
      Files.writeString(dir.resolve("prometheus.yml"), config(layout));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir, e);
    }
    String url = "http://127.0.0.1:" + port;
    Process p = launch(binary, layout, port);
    PidRecords.write(layout.pids(), "prometheus", p.pid());
    awaitRulesLoaded(layout, p, url, timeout);
    Sandbox.writeAtomically(dir.resolve("url"), url + "\n");
    try {
      Files.writeString(
          layout.env(),
          "export OVN_EIP_PROMETHEUS_URL=" + Sandbox.shellQuote(url) + "\n",
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + layout.env(), e);
    }
    return url;
  }

  /**
   * The Prometheus rule file of a PrometheusRule: its {@code spec}, one level up. The manifest
   * keeps {@code spec:} as its last top-level key, so that this is what {@code sed '1,/^spec:/d;
   * s/^ //'} gives too (the manifest's header tells operators without the Operator to do that).
   */
  static String ruleFile(String prometheusRule) {
    List<String> lines = prometheusRule.lines().toList();
    int spec = lines.indexOf("spec:");
    if (spec < 0) {
      throw new IllegalArgumentException("no top-level 'spec:' line in the PrometheusRule");
    }
    StringBuilder out = new StringBuilder();
    for (String line : lines.subList(spec + 1, lines.size())) {
      if (!line.isBlank() && !line.startsWith("  ")) {
        throw new IllegalArgumentException("a top-level key after spec: " + line);
      }
      out.append(line.startsWith("  ") ? line.substring(2) : line).append('\n');
    }
    return out.toString();
  }

  /** A file of deploy/monitoring, as the jar carries it. */
  static String resource(String name) {
    try (InputStream in =
        SandboxPrometheus.class.getClassLoader().getResourceAsStream(MONITORING + name)) {
      Objects.requireNonNull(in, () -> "the jar lacks " + MONITORING + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String config(SandboxLayout layout) {
    // Short intervals: a sandbox is for seeing things happen; `for:` clauses still hold.
    return """
        global:
          scrape_interval: 2s
          scrape_timeout: 2s
          evaluation_interval: 2s
          external_labels:
            sandbox: '%1$s'
        rule_files:
          - '%2$s'
        scrape_configs:
          - job_name: ovn-eip
            file_sd_configs:
              - files: ['%3$s']
                refresh_interval: 5s
        """
        .formatted(
            layout.dir(),
            layout.prometheus().resolve("ovn-eip.rules.yaml"),
            layout.scrapeTargets());
  }

  private static Process launch(Path binary, SandboxLayout layout, int port) {
    Path dir = layout.prometheus();
    List<String> cmd = new ArrayList<>();
    if (new File("/usr/bin/setsid").canExecute()) {
      cmd.add("/usr/bin/setsid"); // as the daemon: a Ctrl-C for the shell must not reach it
    }
    cmd.addAll(
        List.of(
            binary.toString(),
            "--config.file=" + dir.resolve("prometheus.yml"),
            "--storage.tsdb.path=" + dir.resolve("data"),
            "--storage.tsdb.retention.time=1d",
            "--web.listen-address=127.0.0.1:" + port,
            // Debian's console templates are not needed; without these the UI still works.
            "--web.console.templates=" + dir.resolve("consoles"),
            "--web.console.libraries=" + dir.resolve("console_libraries")));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log(layout).toFile()));
    try {
      return pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + binary, e);
    }
  }

  private static Path log(SandboxLayout layout) {
    return layout.logs().resolve("prometheus.log");
  }

  /** Ready once it answers and its rules' group is loaded (a broken rule file fails here). */
  private static void awaitRulesLoaded(
      SandboxLayout layout, Process p, String url, Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (!p.isAlive()) {
        throw new SandboxLauncher.SandboxException(
            "prometheus exited at start:\n" + SandboxLauncher.tail(log(layout), 20));
      }
      if (rulesLoaded(http, url)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        p.destroy();
        throw new SandboxLauncher.SandboxException(
            "prometheus was not ready after "
                + timeout.toSeconds()
                + "s; stopped it\n"
                + SandboxLauncher.tail(log(layout), 20));
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SandboxLauncher.SandboxException("interrupted while waiting for prometheus");
      }
    }
  }

  private static boolean rulesLoaded(HttpClient http, String url) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(url + "/api/v1/rules")).timeout(HTTP).build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 && r.body().contains("\"name\":\"ovn-eip\"");
    } catch (IOException e) {
      return false; // not listening yet
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }
}

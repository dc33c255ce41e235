package io.ovneip.sandbox;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.ovneip.ovsdb.client.OvsdbClient;
import io.ovneip.ovsdb.client.OvsdbClientOptions;
import io.ovneip.sandbox.check.NatRows;
import io.ovneip.sandbox.check.SandboxCheck;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ovn-eip sandbox check --dir DIR [--record-foreign]}. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Verify the invariants of the sandbox in DIR from a fresh read of the Kubernetes API and NB,"
          + " and exit 1 printing each offending row or pod:",
      "  the NB rows ovn-eip owns equal what the API asks for now (computed afresh), none"
          + " missing, none without a pod or gateway asking for it;",
      "  no duplicate NAT (type, external IP, logical IP), no two non-SNAT NAT rows with one"
          + " external IP;",
      "  every foreign row recorded in DIR/foreign-rows (by nb-snapshot or --record-foreign) is"
          + " still there;",
      "  every pod whose condition ovn-eip.io/ready is True has its rows.",
      "Meaningful once the system has converged: run it after the fault is over."
    })
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--dir", required = true, description = "The sandbox dir.")
  Path dir;

  @Option(
      names = "--record-foreign",
      description =
          "First record every NAT row, router policy and static route that is not ovn-eip's as"
              + " foreign (added to DIR/foreign-rows): later checks require them.")
  boolean recordForeign;

  @Option(
      names = "--timeout",
      defaultValue = "PT20S",
      description = "Per read of NB and SB, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  /**
   * The report is the output: the database client's connection lines would only bury it. Decided
   * before the first logger exists (no class of this command logs before).
   */
  static void quietLogs() {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "io/ovneip/sandbox/logback-quiet.xml");
    }
  }

  @Override
  public Integer call() {
    quietLogs();
    SandboxLayout layout = new SandboxLayout(dir);
    Endpoints endpoints;
    try {
      endpoints = Endpoints.read(layout);
    } catch (SandboxLauncher.SandboxException e) {
      spec.commandLine().getErr().println("sandbox check: " + e.getMessage());
      return 2;
    }
    PrintStream out = System.out;
    if (recordForeign) {
      out.println(
          "recorded "
              + recordForeign(layout, endpoints.nb(), timeout)
              + " foreign rows in "
              + layout.foreignRows());
    }
    SandboxCheck.Result r = check(layout, endpoints, timeout);
    r.notes().forEach(n -> out.println("note: " + n));
    r.violations().forEach(v -> out.println("VIOLATION " + v));
    out.println(
        (r.ok() ? "ok: " : r.violations().size() + " violation(s): ")
            + r.pods()
            + " pods, "
            + r.ownedRows()
            + " owned NAT rows/policies/routes, "
            + foreign(layout).size()
            + " foreign rows recorded");
    return r.ok() ? 0 : 1;
  }

  /** One check of the sandbox in {@code layout}, reading its endpoints afresh. */
  static SandboxCheck.Result check(SandboxLayout layout, Endpoints endpoints, Duration timeout) {
    Config config =
        Config.fromKubeconfig(null, read(layout.kubeconfig()), layout.kubeconfig().toString());
    config.setRequestTimeout((int) timeout.toMillis());
    config.setConnectionTimeout((int) timeout.toMillis());
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        OvsdbClient nb = OvsdbClient.connect(OvsdbClientOptions.of(endpoints.nb()));
        OvsdbClient sb = OvsdbClient.connect(OvsdbClientOptions.of(endpoints.sb()))) {
      return SandboxCheck.run(client, nb, sb, foreign(layout), timeout);
    }
  }

  /** Adds every foreign row NB holds now to the record; returns how many the record holds. */
  static int recordForeign(SandboxLayout layout, String nbRemote, Duration timeout) {
    java.util.TreeSet<String> all = new java.util.TreeSet<>(foreign(layout));
    try (OvsdbClient nb = OvsdbClient.connect(OvsdbClientOptions.of(nbRemote))) {
      all.addAll(NatRows.read(nb, timeout).foreignKeys());
    }
    Sandbox.writeAtomically(layout.foreignRows(), String.join("\n", all) + "\n");
    return all.size();
  }

  static List<String> foreign(SandboxLayout layout) {
    return SandboxLauncher.readOrEmpty(layout.foreignRows())
        .lines()
        .filter(l -> !l.isBlank())
        .toList();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}

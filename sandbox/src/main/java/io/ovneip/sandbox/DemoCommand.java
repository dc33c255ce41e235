package io.ovneip.sandbox;

import io.ovneip.sandbox.demo.DemoTarget;
import io.ovneip.sandbox.demo.SeedWalkthrough;
import io.ovneip.sandbox.demo.StepFailedException;
import io.ovneip.testkit.Binaries;
import io.ovneip.testkit.dataplane.Dataplane;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ovn-eip sandbox demo [--keep]}: the user's document, end to end, on a fresh sandbox. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Walk through Kube-OVN's \"EIP and SNAT\" document on a fresh sandbox: apply its ConfigMap"
          + " and pods with the real kubectl, show and check ovn-nbctl's views, change the EIP as"
          + " the document does; where the dataplane can run, check packets too. Exit 0 when every"
          + " step held; otherwise non-zero, naming the step."
    })
final class DemoCommand implements Callable<Integer> {
  private static final Duration UP = Duration.ofMinutes(2);

  @Option(names = "--keep", description = "Leave the sandbox running afterwards (pass or fail).")
  boolean keep;

  @Option(
      names = "--no-dataplane",
      description =
          "Do not check packets even where the dataplane could run (by default it runs whenever"
              + " this is root with the packages installed and no other dataplane runs).")
  boolean noDataplane;

  @Option(names = "--dir", description = "Sandbox dir (default: a new temp dir).")
  Path dir;

  @Option(
      names = "--wait",
      defaultValue = "PT60S",
      description = "How long the controller may take for each change (default: ${DEFAULT-VALUE}).")
  Duration wait;

  @Override
  public Integer call() {
    PrintStream out = System.out;
    Path kubectl;
    Path nbctl;
    Path vsctl;
    SandboxLayout layout;
    try {
      kubectl = onPath("kubectl");
      nbctl = Binaries.require("ovn-nbctl");
      vsctl = Binaries.require("ovs-vsctl");
      layout = new SandboxLayout(dir != null ? dir : Files.createTempDirectory("ovn-eip-demo-"));
    } catch (IOException | IllegalStateException e) {
      System.err.println("sandbox demo: " + e.getMessage());
      return 1;
    }
    out.println(
        "== 0. Start a sandbox (Kubernetes API, OVN NB/SB, ovn-northd, CNI, controller, agents)");
    AtomicBoolean finished = new AtomicBoolean();
    // The daemon runs in its own session, so a Ctrl-C here would not stop it: do it ourselves.
    Thread interrupted = new Thread(() -> stopUnlessDone(layout, finished), "demo-interrupted");
    Runtime.getRuntime().addShutdownHook(interrupted);
    try {
      up(layout, out);
      out.print(Summary.of(layout));
      out.println("$ . " + layout.env());
      Endpoints e = Endpoints.read(layout);
      Map<String, String> variables = new HashMap<>();
      e.ovsDbs().forEach((node, remote) -> variables.put(remote, Sandbox.ovsDbVariable(node)));
      e.dataplaneOvsDb().ifPresent(db -> variables.put(db, "OVS_DB"));
      int checks =
          SeedWalkthrough.run(
              out,
              new DemoTarget(
                  kubectl,
                  nbctl,
                  vsctl,
                  layout.kubeconfig(),
                  e.nb(),
                  e.ovsDbs(),
                  variables,
                  layout.demo(),
                  wait,
                  e.outsideNetns()));
      out.println();
      out.println("Demo complete: all " + checks + " checks held.");
      return 0;
    } catch (StepFailedException e) {
      out.println();
      out.println("DEMO FAILED at step " + e.step() + ": " + e.getMessage());
      out.println("--- last lines of " + layout.daemonLog() + " ---");
      out.println(SandboxLauncher.tail(layout.daemonLog(), 30));
      return 1;
    } catch (SandboxLauncher.SandboxException | UncheckedIOException e) {
      out.println();
      out.println("DEMO FAILED: " + e.getMessage());
      return 1;
    } finally {
      finish(layout, out);
      finished.set(true);
      removeHook(interrupted);
    }
  }

  /**
   * Starts the sandbox, with the dataplane whenever it can run: without it when the machine lacks
   * what it needs (root, packages) or it refuses to start (another one runs, eth1 is taken), saying
   * why; the walk-through then checks everything but packets.
   */
  private void up(SandboxLayout layout, PrintStream out) {
    SandboxLauncher launcher = new SandboxLauncher(out);
    Optional<String> whyNot =
        noDataplane ? Optional.of("--no-dataplane was given") : Dataplane.whyNot();
    if (whyNot.isEmpty()) {
      out.println("$ ovn-eip sandbox up --dir " + layout.dir() + " --dataplane");
      try {
        launcher.up(layout, new SandboxLauncher.Request(3, 0, true, UP));
        return;
      } catch (SandboxLauncher.SandboxException e) {
        whyNot = Optional.of(e.getMessage().lines().findFirst().orElse("it did not start"));
      }
    }
    out.println("(no packet checks: " + whyNot.get() + ")");
    out.println("$ ovn-eip sandbox up --dir " + layout.dir());
    launcher.up(layout, new SandboxLauncher.Request(3, 0, false, UP));
  }

  private void finish(SandboxLayout layout, PrintStream out) {
    out.println();
    if (keep && Files.exists(layout.ready())) {
      out.println("The sandbox keeps running (--keep). Use it:");
      out.println("  . " + layout.env() + "; kubectl get pods; ovn-nbctl show");
      out.println("Stop it:");
      out.println("  ovn-eip sandbox down --dir " + layout.dir());
      return;
    }
    out.println("$ ovn-eip sandbox down --dir " + layout.dir());
    try {
      SandboxStopper.down(layout, out);
    } catch (RuntimeException e) {
      out.println("sandbox down failed: " + e.getMessage());
    }
  }

  private void stopUnlessDone(SandboxLayout layout, AtomicBoolean finished) {
    if (!finished.get() && !keep) {
      SandboxStopper.down(layout, System.err);
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // Already exiting: the hook runs and finds the demo finished.
    }
  }

  /** kubectl is not a Debian package; {@code scripts/setup} installs it from Kubernetes' repo. */
  private static Path onPath(String name) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(d.isEmpty() ? "." : d, name);
      if (Files.isExecutable(p)) {
        return p.toAbsolutePath();
      }
    }
    throw new IllegalStateException(
        name
            + " not found on PATH; install it with scripts/setup (kubectl v1.32 from pkgs.k8s.io)");
  }
}

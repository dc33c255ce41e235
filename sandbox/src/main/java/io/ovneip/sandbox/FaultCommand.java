package io.ovneip.sandbox;

import io.ovneip.sandbox.exec.CommandFailedException;
import io.ovneip.sandbox.exec.CommandRunner;
import io.ovneip.sandbox.fault.Fault;
import io.ovneip.sandbox.fault.FaultTarget;
import io.ovneip.sandbox.fault.Faults;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ovn-eip sandbox fault --dir DIR FAULT [ARGS...] [--all] [--down S]} and {@code --list}.
 * Two kinds of fault: those the sandbox's daemon injects into what it runs (processes, the Lease,
 * the database: {@link FaultServer}), and those that play another program against the running
 * sandbox from here ({@link Faults}: what Kube-OVN does).
 */
@Command(
    name = "fault",
    mixinStandardHelpOptions = true,
    description = {
      "Inject one fault into the running sandbox in DIR, print what was done, and return when the"
          + " fault is in place (or over, for timed faults). --list prints them.",
      "Examples: fault --dir D controller-kill; fault --dir D nb-freeze 10;"
          + " fault --dir D nb-kill-leader --down 5; fault --dir D lease-steal 20;"
          + " fault --dir D kube-ovn-restart; fault --dir D node-crash kube-ovn-worker",
      "Then: ovn-eip sandbox check --dir D"
    })
final class FaultCommand implements Callable<Integer> {
  private static final Set<String> TIMED = Set.of("nb-freeze", "lease-steal");

  @Spec CommandSpec spec;

  @Option(names = "--dir", description = "The sandbox dir.")
  Path dir;

  @Option(names = "--list", description = "Print the faults, one a line.")
  boolean list;

  @Option(names = "--all", description = "controller-kill: every replica, not only the leader.")
  boolean all;

  @Option(
      names = "--down",
      defaultValue = "5",
      description =
          "nb-kill-leader: seconds before it is started again (default ${DEFAULT-VALUE}).")
  long down;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FAULT", description = "See --list.")
  String fault;

  @Parameters(
      index = "1..*",
      paramLabel = "ARGS",
      description = "The fault's arguments: seconds for nb-freeze and lease-steal, a node, ...")
  List<String> args = List.of();

  @Override
  public Integer call() {
    if (list) {
      FaultServer.FAULTS.forEach((name, line) -> out("%-18s %s".formatted(name, line)));
      for (Fault f : Faults.all()) {
        String head = f.usage().isEmpty() ? f.name() : f.name() + " " + f.usage();
        out("%-18s %s".formatted(head, f.summary()));
      }
      return 0;
    }
    if (fault == null || dir == null) {
      return usage("give --dir DIR and a FAULT (or --list)");
    }
    List<String> given = args == null ? List.of() : args;
    Optional<Fault> played = Faults.named(fault);
    if (played.isPresent()) {
      return play(played.get(), given);
    }
    if (!FaultServer.known(fault)) {
      return usage("no such fault " + fault + "; see --list");
    }
    return inject(given);
  }

  /** A fault the daemon injects; it answers once the fault is in place (or over). */
  private int inject(List<String> given) {
    long s;
    String node = "";
    if (FaultServer.takesNode(fault)) {
      if (given.size() != 1) {
        return usage(fault + " needs one NODE, e.g. " + fault + " kube-ovn-worker");
      }
      node = given.get(0);
      s = 0;
    } else if (TIMED.contains(fault)) {
      Long seconds = given.isEmpty() ? null : parseSeconds(given.get(0));
      if (seconds == null || seconds < 1 || seconds > 3600) {
        return usage(fault + " needs a duration in seconds, 1..3600");
      }
      s = seconds;
    } else if (fault.equals("nb-kill-leader")) {
      if (down < 0 || down > 3600) {
        return usage("--down must be 0..3600");
      }
      s = down;
    } else {
      s = 0;
    }
    Endpoints endpoints;
    try {
      endpoints = Endpoints.read(new SandboxLayout(dir));
    } catch (SandboxLauncher.SandboxException e) {
      return fail(e.getMessage());
    }
    if (endpoints.faults().isEmpty()) {
      return fail("the sandbox in " + dir + " serves no faults (an older build?)");
    }
    try {
      System.out.print(SandboxProbe.fault(dir, fault, s, all, node));
      return 0;
    } catch (SandboxProbe.FaultFailed e) {
      return fail(e.getMessage());
    }
  }

  /** A fault played from here against the sandbox's API and databases. */
  private int play(Fault f, List<String> given) {
    SandboxLayout layout = new SandboxLayout(dir);
    try {
      Endpoints e = Endpoints.read(layout);
      FaultTarget target =
          new FaultTarget(
              e.nb(), layout.kubeconfig(), e.ovsDbs(), CommandRunner.inheritingEnvironment());
      for (String line : f.inject(target, given)) {
        out(fault + ": " + line);
      }
      return 0;
    } catch (IllegalArgumentException
        | SandboxLauncher.SandboxException
        | CommandFailedException e) {
      return fail(e.getMessage());
    }
  }

  private static Long parseSeconds(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private void out(String line) {
    spec.commandLine().getOut().println(line);
  }

  private int usage(String message) {
    spec.commandLine().getErr().println("sandbox fault: " + message);
    return 2;
  }

  private int fail(String message) {
    spec.commandLine().getErr().println("sandbox fault: " + message);
    return 1;
  }
}

package io.ovneip.sandbox;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ovn-eip sandbox fault --dir DIR FAULT [S] [--all] [--down S]} and {@code --list}. */
@Command(
    name = "fault",
    mixinStandardHelpOptions = true,
    description = {
      "Inject one fault into the running sandbox in DIR, print what was done, and return when the"
          + " fault is in place (or over, for timed faults). --list prints them.",
      "Examples: fault --dir D controller-kill; fault --dir D nb-freeze 10;"
          + " fault --dir D nb-kill-leader --down 5; fault --dir D lease-steal 20",
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

  @Parameters(index = "0", arity = "0..1", description = "The fault (see --list).")
  String fault;

  @Parameters(index = "1", arity = "0..1", description = "Seconds, for nb-freeze and lease-steal.")
  Long seconds;

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    if (list) {
      FaultServer.FAULTS.forEach((name, line) -> System.out.printf("%-18s %s%n", name, line));
      return 0;
    }
    if (fault == null || dir == null) {
      err.println("sandbox fault: give --dir DIR and a FAULT (or --list)");
      return 2;
    }
    if (!FaultServer.FAULTS.containsKey(fault)) {
      err.println("sandbox fault: no such fault " + fault + "; see --list");
      return 2;
    }
    long s;
    if (TIMED.contains(fault)) {
      if (seconds == null || seconds < 1 || seconds > 3600) {
        err.println("sandbox fault: " + fault + " needs a duration in seconds, 1..3600");
        return 2;
      }
      s = seconds;
    } else if (fault.equals("nb-kill-leader")) {
      if (down < 0 || down > 3600) {
        err.println("sandbox fault: --down must be 0..3600");
        return 2;
      }
      s = down;
    } else {
      s = 0;
    }
    Endpoints endpoints;
    try {
      endpoints = Endpoints.read(new SandboxLayout(dir));
    } catch (SandboxLauncher.SandboxException e) {
      err.println("sandbox fault: " + e.getMessage());
      return 1;
    }
    if (endpoints.faults().isEmpty()) {
      err.println("sandbox fault: the sandbox in " + dir + " serves no faults (an older build?)");
      return 1;
    }
    try {
      System.out.print(SandboxProbe.fault(dir, fault, s, all));
      return 0;
    } catch (SandboxProbe.FaultFailed e) {
      err.println("sandbox fault: " + e.getMessage());
      return 1;
    }
  }
}

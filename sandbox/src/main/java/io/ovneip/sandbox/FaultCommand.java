package io.ovneip.sandbox;

import io.ovneip.sandbox.exec.CommandFailedException;
import io.ovneip.sandbox.exec.CommandRunner;
import io.ovneip.sandbox.fault.Fault;
import io.ovneip.sandbox.fault.FaultTarget;
import io.ovneip.sandbox.fault.Faults;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ovn-eip sandbox fault --dir DIR FAULT [ARGS...]} and {@code --list}. */
@Command(
    name = "fault",
    mixinStandardHelpOptions = true,
    description = {
      "Inject one fault into a running sandbox, print what it did, and return once it is in place.",
      "--list prints every fault with its arguments."
    })
final class FaultCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--dir", description = "The sandbox's directory.")
  Path dir;

  @Option(names = "--list", description = "List the faults.")
  boolean list;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "FAULT",
      description = "The fault (see --list).")
  String fault;

  @Parameters(index = "1..*", paramLabel = "ARGS", description = "The fault's arguments.")
  List<String> args = List.of();

  @Override
  public Integer call() {
    if (list) {
      for (Fault f : Faults.all()) {
        String head = f.usage().isEmpty() ? f.name() : f.name() + " " + f.usage();
        spec.commandLine().getOut().println(head + "\n    " + f.summary());
      }
      return 0;
    }
    if (fault == null || dir == null) {
      return fail("give --dir DIR and a FAULT, or --list");
    }
    Optional<Fault> f = Faults.named(fault);
    if (f.isEmpty()) {
      return fail("no fault '" + fault + "'; --list shows them");
    }
    SandboxLayout layout = new SandboxLayout(dir);
    try {
      Endpoints e = Endpoints.read(layout);
      FaultTarget target =
          new FaultTarget(
              e.nb(), layout.kubeconfig(), e.ovsDbs(), CommandRunner.inheritingEnvironment());
      for (String line : f.get().inject(target, args == null ? List.of() : args)) {
        spec.commandLine().getOut().println(fault + ": " + line);
      }
      return 0;
    } catch (IllegalArgumentException | SandboxLauncher.SandboxException e) {
      return fail(e.getMessage());
    } catch (CommandFailedException e) {
      return fail(e.getMessage());
    }
  }

  private int fail(String message) {
    spec.commandLine().getErr().println("sandbox fault: " + message);
    return 1;
  }
}

package io.ovneip.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one executable, {@code ovn-eip}. Subcommands that live in other modules (the sandbox, which
 * carries the embedded Kubernetes API) are added when their classes are on the class path, so the
 * controller's and agent's runtime never carries the mock server.
 */
@Command(
    name = "ovn-eip",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    subcommands = {
      ControllerCommand.class,
      AgentCommand.class,
      StatusCommand.class,
      PreflightCommand.class,
      AdoptCommand.class
    },
    description = "EIP and SNAT for pods in the default VPC of an OVN-based Kubernetes cluster.")
public final class Main implements Runnable {

  /** Subcommands found by name when their module is on the class path. */
  static final List<String> OPTIONAL_SUBCOMMANDS = List.of("io.ovneip.sandbox.SandboxCommand");

  public static void main(String[] args) {
    chooseLogFormat(System.getenv("OVN_EIP_LOG_FORMAT"));
    System.exit(commandLine().execute(args));
  }

  /**
   * {@code OVN_EIP_LOG_FORMAT=json} picks JSON logs. It must be decided before the first logger is
   * created, so it is an environment variable rather than a flag of one subcommand.
   */
  static void chooseLogFormat(String format) {
    if ("json".equalsIgnoreCase(format)
        && System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "logback-json.xml");
    }
  }

  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    // An operator's mistake (a missing file, a database that does not answer) deserves one clear
    // line, not a stack trace; the log keeps the details at debug level.
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("ovn-eip: " + e);
          return 1;
        });
    for (String className : OPTIONAL_SUBCOMMANDS) {
      try {
        cli.addSubcommand(Class.forName(className).getDeclaredConstructor().newInstance());
      } catch (ReflectiveOperationException absent) {
        // Not on this class path: this build of ovn-eip has no such subcommand.
      }
    }
    return cli;
  }

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  /** Reports the build's version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"ovn-eip " + (v == null ? "dev" : v)};
    }
  }
}

package io.ovneip.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovneip.sandbox.exec.CommandResult;
import io.ovneip.sandbox.exec.CommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs the shaded jar ({@code ovn-eip}) as a real subprocess, as users and scripts do. */
final class SandboxCli {
  /** Built by the package phase, before Failsafe runs the integration tests. */
  static final Path JAR = Path.of("target", "ovn-eip-sandbox.jar").toAbsolutePath();

  private SandboxCli() {}

  static CommandResult run(Duration timeout, String... args) {
    return run(CommandRunner.inheritingEnvironment(), timeout, args);
  }

  /** Runs with the environment a user gets from {@code . DIR/env}. */
  static CommandResult runWithEnv(Path dir, Duration timeout, String... args) throws IOException {
    return run(new CommandRunner(SandboxUpDownIT.exports(dir.resolve("env"))), timeout, args);
  }

  private static CommandResult run(CommandRunner runner, Duration timeout, String... args) {
    assertThat(JAR).as("the shaded jar (mvn -pl sandbox -am package builds it)").exists();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString()));
    cmd.addAll(List.of(args));
    CommandResult r = runner.run(timeout, cmd);
    System.out.println("$ ovn-eip " + String.join(" ", args) + "  (exit " + r.exitCode() + ")");
    System.out.println(r.output());
    return r;
  }

  /** Brings the sandbox in {@code dir} down, whatever state it is in (for @AfterEach). */
  static void downQuietly(Path dir) {
    if (Files.exists(dir)) {
      run(Duration.ofMinutes(2), "sandbox", "down", "--dir", dir.toString());
    }
  }
}

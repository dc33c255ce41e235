package io.ovneip.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovneip.sandbox.exec.CommandResult;
import io.ovneip.sandbox.exec.CommandRunner;
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
    assertThat(JAR).as("the shaded jar (mvn -pl sandbox -am package builds it)").exists();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString()));
    cmd.addAll(List.of(args));
    CommandResult r = CommandRunner.inheritingEnvironment().run(timeout, cmd);
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

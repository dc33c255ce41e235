package io.ovneip.sandbox.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The chaos run against a running sandbox, for {@code scripts/chaos} (the soak outside CI): prints
 * the event log as it goes, then the table per fault; exit 1 on any violation.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true)
public final class ChaosMain implements Callable<Integer> {
  @Option(names = "--dir", required = true, description = "A running sandbox's dir.")
  Path dir;

  @Option(names = "--minutes", defaultValue = "60", description = "Budget (whole cycles).")
  long minutes;

  @Option(names = "--seed", description = "Seed (default: random, printed).")
  Long seed;

  @Option(
      names = "--converge",
      defaultValue = "PT2M",
      description = "How long the check may take to hold after a fault.")
  Duration converge;

  @Option(names = "--summary", description = "Also write the table (Markdown) to this file.")
  Path summary;

  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "io/ovneip/sandbox/logback-quiet.xml");
    }
    System.exit(new CommandLine(new ChaosMain()).execute(args));
  }

  @Override
  public Integer call() {
    long s = Optional.ofNullable(seed).orElseGet(() -> new java.util.Random().nextLong());
    ChaosReport report =
        ChaosRun.run(
            new ChaosRun.Options(dir, s, Duration.ofMinutes(minutes), converge, System.out));
    System.out.println();
    System.out.println("chaos run, seed " + s + ":");
    System.out.print(report.table());
    if (summary != null) {
      try {
        Files.writeString(summary, report.table());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (!report.ok()) {
      System.out.print(report.failureText());
      return 1;
    }
    return 0;
  }
}

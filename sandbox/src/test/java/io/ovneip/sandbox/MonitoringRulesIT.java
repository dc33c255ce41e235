package io.ovneip.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovneip.sandbox.exec.CommandResult;
import io.ovneip.sandbox.exec.CommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: the alerts of deploy/monitoring/prometheusrule.yaml, checked and unit-tested with
 * Debian's {@code promtool} (package prometheus): every alert has a test where it fires and one
 * where it must not.
 */
class MonitoringRulesIT {
  private static final Path MONITORING = Path.of("..", "deploy", "monitoring");
  private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
  private static final Duration CALL = Duration.ofSeconds(60);

  @TempDir Path tmp;
  private Path rules;
  private Path tests;

  @BeforeEach
  void extract() throws IOException {
    assertThat(PROMTOOL)
        .as("promtool (apt-get install -y --no-install-recommends prometheus; scripts/setup)")
        .isExecutable();
    rules = tmp.resolve("ovn-eip.rules.yaml");
    Files.writeString(
        rules,
        SandboxPrometheus.ruleFile(Files.readString(MONITORING.resolve("prometheusrule.yaml"))));
    tests = tmp.resolve("ovn-eip-rules.test.yaml");
    Files.copy(MONITORING.resolve("tests/ovn-eip-rules.test.yaml"), tests);
  }

  @Test
  void theRulesAreValid() {
    CommandResult r = promtool("check", "rules", rules.toString());
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS: " + alerts().size() + " rules found");
  }

  @Test
  void theUnitTestsPass() {
    CommandResult r = promtool("test", "rules", tests.toString());
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS").doesNotContain("FAILED");
  }

  @Test
  void everyAlertHasATestWhereItFiresAndOneWhereItMustNot() throws IOException {
    String text = Files.readString(tests);
    Set<String> firing = tested(text, "\\n\\s+exp_alerts:\\s*\\n\\s+- exp_labels");
    Set<String> quiet = tested(text, "\\n\\s+exp_alerts: \\[\\]");
    assertThat(alerts()).hasSize(9);
    assertThat(firing).as("alerts tested firing").containsAll(alerts());
    assertThat(quiet).as("alerts tested not firing").containsAll(alerts());
  }

  @Test
  void theTestsCatchAnAlertThatFiresTooSoon() throws IOException {
    // Each `for:` is part of the contract (a blip must not page): without them the tests fail.
    Files.writeString(
        rules, Files.readString(rules).replaceAll("(?m)^(\\s+)for: .*$", "$1for: 0s"));
    CommandResult r = promtool("test", "rules", tests.toString());
    assertThat(r.exitCode()).as(r.output()).isNotZero();
    assertThat(r.output()).contains("OvnEipNoLeader", "OvnEipPodsWaitingOnConflict");
  }

  @Test
  void theSedOfTheManifestsHeaderGivesTheSameRuleFile() throws IOException {
    // Operators without the Prometheus Operator extract the rule file as the README says.
    CommandResult sed =
        CommandRunner.inheritingEnvironment()
            .run(
                CALL,
                "sed",
                "1,/^spec:/d; s/^  //",
                MONITORING.resolve("prometheusrule.yaml").toString());
    assertThat(sed.exitCode()).as(sed.output()).isZero();
    assertThat(sed.output()).isEqualTo(Files.readString(rules));
  }

  private Set<String> alerts() {
    try {
      return names(Files.readString(rules), "- alert: (\\w+)");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static Set<String> tested(String text, String expectation) {
    return names(text, "alertname: (\\w+)" + expectation);
  }

  private static Set<String> names(String text, String regex) {
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile(regex).matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private CommandResult promtool(String... args) {
    String[] cmd = new String[args.length + 1];
    cmd[0] = PROMTOOL.toString();
    System.arraycopy(args, 0, cmd, 1, args.length);
    CommandResult r = CommandRunner.inheritingEnvironment().run(CALL, cmd);
    System.out.println("$ promtool " + String.join(" ", args) + "\n" + r.output());
    return r;
  }
}

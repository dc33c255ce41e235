package io.ovneip.sandbox.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovneip.sandbox.exec.CommandRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TutorialTest {
  private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
  private final Tutorial t =
      new Tutorial(
          new PrintStream(buf, true, StandardCharsets.UTF_8),
          CommandRunner.inheritingEnvironment(),
          Map.of("tcp:127.0.0.1:6641", "OVN_NB_DB"),
          Set.of("--timeout=20"));

  @Test
  void printsCommandsAsTheUserTypesThem() {
    assertThat(t.display("/usr/bin/ovn-nbctl", "--db=tcp:127.0.0.1:6641", "--timeout=20", "show"))
        .isEqualTo("ovn-nbctl --db=$OVN_NB_DB show");
    assertThat(t.display("/usr/bin/kubectl", "get", "pod", "-o", "jsonpath={.metadata.name}"))
        .isEqualTo("kubectl get pod -o 'jsonpath={.metadata.name}'");
  }

  @Test
  void aFailedCheckNamesTheStepAndWhatWasExpected() {
    t.step("First");
    t.check(true, "one");
    t.step("Second");
    assertThatThrownBy(() -> t.check(false, "the NAT rule"))
        .isInstanceOfSatisfying(
            StepFailedException.class,
            e -> {
              assertThat(e.step()).isEqualTo("2. Second");
              assertThat(e.getMessage()).isEqualTo("expected the NAT rule");
            });
    assertThat(t.checks()).isEqualTo(1);
    assertThat(buf.toString(StandardCharsets.UTF_8)).contains("== 1. First", "   ok: one");
  }

  @Test
  void aCommandThatFailsFailsTheStepAndItsOutputIsShown() {
    t.step("Run");
    assertThatThrownBy(() -> t.run(Duration.ofSeconds(10), "bash", "-c", "echo boom; exit 3"))
        .isInstanceOf(StepFailedException.class)
        .hasMessageContaining("exited with 3");
    assertThat(buf.toString(StandardCharsets.UTF_8))
        .contains("$ bash -c 'echo boom; exit 3'", "boom");
  }

  @Test
  void awaitGivesUpWithAClearMessage() {
    t.step("Wait");
    assertThatThrownBy(
            () ->
                t.await(Duration.ofMillis(600), "pod-eip to be routed", java.util.Optional::empty))
        .hasMessageContaining("timed out after 0s waiting for pod-eip to be routed");
  }
}

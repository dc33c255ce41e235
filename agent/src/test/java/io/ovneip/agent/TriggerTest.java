package io.ovneip.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TriggerTest {
  @Test
  void manyFiresBecomeOnePass() throws Exception {
    Trigger t = new Trigger();
    t.fire();
    t.fire();
    t.fire();
    assertThat(t.await(Duration.ofSeconds(1))).isTrue();
    assertThat(t.await(Duration.ofMillis(20))).isFalse();
  }

  @Test
  void wakesAWaiterEarly() throws Exception {
    Trigger t = new Trigger();
    Thread firer =
        new Thread(
            () -> {
              try {
                Thread.sleep(50);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              t.fire();
            });
    firer.start();
    long start = System.nanoTime();
    assertThat(t.await(Duration.ofSeconds(10))).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    firer.join();
  }
}

package io.ovneip.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkQueueTest {
  private static final Backoff FAST = new Backoff(Duration.ofMillis(20), Duration.ofMillis(200));

  @Test
  void keysAddedWhileTheWorkerIsBusyAreCoalescedIntoOneBatch() throws Exception {
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Set<String>> batches = new CopyOnWriteArrayList<>();
    BatchHandler handler =
        keys -> {
          batches.add(Set.copyOf(keys));
          if (batches.size() == 1) {
            firstStarted.countDown();
            release.await(5, TimeUnit.SECONDS);
          }
          return Map.of();
        };
    try (WorkQueue q = new WorkQueue("t", handler, FAST, Clock.systemUTC())) {
      q.start();
      q.add("a");
      assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < 100; i++) {
        q.add("b");
        q.add("c");
      }
      release.countDown();
      await().atMost(Duration.ofSeconds(5)).until(q::idle);
    }
    assertThat(batches).containsExactly(Set.of("a"), Set.of("b", "c"));
  }

  @Test
  void aFailedKeyIsRetriedWithBackoffAndOthersAreNotRepeated() {
    AtomicInteger attemptsOfBad = new AtomicInteger();
    AtomicInteger attemptsOfGood = new AtomicInteger();
    BatchHandler handler =
        keys -> {
          if (keys.contains("good")) {
            attemptsOfGood.incrementAndGet();
          }
          if (keys.contains("bad") && attemptsOfBad.incrementAndGet() < 3) {
            return Map.of("bad", new IllegalStateException("boom"));
          }
          return Map.of();
        };
    try (WorkQueue q = new WorkQueue("t", handler, FAST, Clock.systemUTC())) {
      q.start();
      q.add("bad");
      q.add("good");
      await().atMost(Duration.ofSeconds(5)).until(() -> attemptsOfBad.get() == 3 && q.idle());
    }
    assertThat(attemptsOfGood.get()).isEqualTo(1);
  }

  @Test
  void aHandlerThatThrowsFailsEveryKeyOfItsBatchButTheWorkerSurvives() {
    AtomicInteger calls = new AtomicInteger();
    BatchHandler handler =
        keys -> {
          if (calls.incrementAndGet() == 1) {
            throw new IllegalStateException("transient");
          }
          return Map.of();
        };
    try (WorkQueue q = new WorkQueue("t", handler, FAST, Clock.systemUTC())) {
      q.start();
      q.add("x");
      await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() == 2 && q.idle());
    }
  }

  @Test
  void backoffDoublesAndIsCapped() {
    assertThat(FAST.after(0)).isEqualTo(Duration.ZERO);
    assertThat(FAST.after(1)).isEqualTo(Duration.ofMillis(20));
    assertThat(FAST.after(2)).isEqualTo(Duration.ofMillis(40));
    assertThat(FAST.after(4)).isEqualTo(Duration.ofMillis(160));
    assertThat(FAST.after(5)).isEqualTo(Duration.ofMillis(200));
    assertThat(FAST.after(100)).isEqualTo(Duration.ofMillis(200));
  }

  /** A stray interrupt (a library the handler called) must not end the worker silently. */
  @Test
  void aStrayInterruptDoesNotEndTheWorker() throws Exception {
    List<Set<String>> batches = new CopyOnWriteArrayList<>();
    BatchHandler handler =
        keys -> {
          batches.add(Set.copyOf(keys));
          return Map.of();
        };
    try (WorkQueue q = new WorkQueue("interrupted", handler, FAST, Clock.systemUTC())) {
      q.start();
      Thread worker =
          Thread.getAllStackTraces().keySet().stream()
              .filter(t -> t.getName().equals("interrupted-worker"))
              .findFirst()
              .orElseThrow();
      worker.interrupt();
      Thread.sleep(200);
      q.add("after");
      await().atMost(Duration.ofSeconds(5)).until(() -> batches.contains(Set.of("after")));
      assertThat(q.alive()).isTrue();
    }
  }

  /** /healthz reads this: a worker that died will never handle a key again. */
  @Test
  void aWorkerThatDiedIsNotAlive() {
    AtomicInteger reads = new AtomicInteger();
    Clock breaking =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public java.time.Instant instant() {
            if (reads.incrementAndGet() > 1) {
              throw new IllegalStateException("clock broke");
            }
            return java.time.Instant.now();
          }
        };
    try (WorkQueue q = new WorkQueue("dying", keys -> Map.of(), FAST, breaking)) {
      assertThat(q.alive()).isTrue(); // not started yet: nothing died
      q.start();
      q.add("a");
      q.add("b");
      await().atMost(Duration.ofSeconds(5)).until(() -> !q.alive());
    }
  }

  /**
   * A key asked for later (the agent's resync) is handled once its delay has passed, is not pending
   * work meanwhile, and is handled at once when added sooner.
   */
  @Test
  void aKeyAskedForLaterIsHandledThenOrAtOnceWhenAddedSooner() throws Exception {
    List<Set<String>> batches = new CopyOnWriteArrayList<>();
    BatchHandler handler =
        keys -> {
          batches.add(Set.copyOf(keys));
          return Map.of();
        };
    try (WorkQueue q = new WorkQueue("later", handler, FAST, Clock.systemUTC())) {
      q.start();
      long start = System.nanoTime();
      q.addAfter("soon", Duration.ofMillis(300));
      assertThat(q.idle()).isTrue();
      await().atMost(Duration.ofSeconds(5)).until(() -> batches.contains(Set.of("soon")));
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(300));

      q.addAfter("late", Duration.ofHours(1));
      q.add("late");
      await().atMost(Duration.ofSeconds(5)).until(() -> batches.contains(Set.of("late")));
      Thread.sleep(100);
      assertThat(batches).containsExactly(Set.of("soon"), Set.of("late"));
    }
  }

  /** The agent's close: the pass in flight finishes (a transaction is not cut). */
  @Test
  void closeWithAGraceLetsTheBatchInFlightFinish() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicInteger finished = new AtomicInteger();
    BatchHandler handler =
        keys -> {
          started.countDown();
          Thread.sleep(300); // an interrupt would end this early, without finishing
          finished.incrementAndGet();
          return Map.of();
        };
    WorkQueue q = new WorkQueue("grace", handler, FAST, Clock.systemUTC());
    q.start();
    q.add("a");
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    q.close(Duration.ofSeconds(5));
    assertThat(finished.get()).isEqualTo(1);
    assertThat(q.alive()).isFalse();
  }
}

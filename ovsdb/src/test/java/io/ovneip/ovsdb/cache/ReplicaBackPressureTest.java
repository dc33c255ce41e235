package io.ovneip.ovsdb.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovneip.ovsdb.protocol.Uuid;
import io.ovneip.ovsdb.protocol.codec.Json;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A flood of updates while the replica's thread is busy: the reader (here, the test's sender
 * thread) is held back once {@link Replica#MAX_PENDING} messages wait, instead of queueing every
 * message the server sends; once the replica moves again, every update is applied, in order.
 */
class ReplicaBackPressureTest {
  static final String U = "11111111-1111-1111-1111-111111111111";

  @Test
  void theReaderWaitsOnceTheQueueIsFullAndEveryUpdateIsAppliedInOrder() throws Exception {
    Replica replica =
        new Replica("T", UpdateApplierTest.SCHEMA, MonitorRequest.of("R"), "m1", () -> {});
    ReplicaCloseTest.Recorder ch = new ReplicaCloseTest.Recorder();
    replica.subscribe(ch);
    // The subscribe goes through the replica's thread; wait for its monitor request.
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (ch.replies.isEmpty() && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    assertThat(ch.replies).hasSize(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger seen = new AtomicInteger();
    StringBuilder order = new StringBuilder();
    replica.addListener(
        (snapshot, changes) -> {
          Object value = snapshot.table("R").get(Uuid.of(U)).columns().get("s");
          if ("0".equals(value)) {
            return; // the initial content
          }
          try {
            release.await(); // the replica's thread is busy until the test lets it go
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          order.append(value).append(',');
          seen.incrementAndGet();
        });

    ch.replies
        .get(0)
        .accept(
            Json.read(
                "[false, \"txn-0\", {\"R\": {\"" + U + "\": {\"initial\": {\"s\": \"0\"}}}}]"),
            null);
    replica.awaitInitial(Duration.ofSeconds(10));

    int total = Replica.MAX_PENDING * 4;
    AtomicInteger sent = new AtomicInteger();
    Thread reader =
        new Thread(
            () -> {
              for (int i = 1; i <= total; i++) {
                replica.onNotification(
                    ch,
                    "update3",
                    Json.read(
                        "[\"m1\", \"txn-"
                            + i
                            + "\", {\"R\": {\""
                            + U
                            + "\": {\"modify\": {\"s\": \""
                            + i
                            + "\"}}}}]"));
                sent.incrementAndGet();
              }
            });
    reader.start();
    // Counted, not timed: wait until the queue is full and the sender waits for room.
    until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!(replica.pending() == Replica.MAX_PENDING
            && reader.getState() == Thread.State.TIMED_WAITING)
        && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    Thread.sleep(200); // had it not been held back, it would go on sending now
    // MAX_PENDING messages read and not applied (the first one is being applied: its listener
    // waits); the sender waits to hand over the next.
    assertThat(sent.get()).isEqualTo(Replica.MAX_PENDING);
    assertThat(replica.pending()).isEqualTo(Replica.MAX_PENDING);
    assertThat(reader.getState()).isEqualTo(Thread.State.TIMED_WAITING);

    release.countDown();
    reader.join(10_000);
    until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (seen.get() < total && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    assertThat(seen.get()).isEqualTo(total);
    StringBuilder expected = new StringBuilder();
    for (int i = 1; i <= total; i++) {
      expected.append(i).append(',');
    }
    assertThat(order.toString()).isEqualTo(expected.toString());
    assertThat(replica.snapshot().lastTxnId()).contains("txn-" + total);
    assertThat(ch.failures).isEmpty();
    replica.close();
  }
}

package io.ovneip.agent;

import io.ovneip.model.ovs.OvsPlan;
import io.ovneip.runtime.Threads;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's single worker: waits for the {@link Trigger} (or the resync period), runs one pass,
 * and on failure logs once with the key and retries with exponential backoff. Only this thread
 * writes to OVS, so passes never overlap.
 */
final class AgentLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AgentLoop.class);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private final AgentOptions options;
  private final Trigger trigger;
  private final KubeView kube;
  private final OvsLink ovs;
  private final AgentReconciler reconciler;
  private final String key;
  private final Thread thread;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicLong reconciles = new AtomicLong();
  private final AtomicLong transactions = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicReference<OvsPlan.Outcome> lastOutcome = new AtomicReference<>();
  private volatile boolean running = true;

  AgentLoop(
      AgentOptions options,
      Trigger trigger,
      KubeView kube,
      OvsLink ovs,
      AgentReconciler reconciler) {
    this.options = options;
    this.trigger = trigger;
    this.kube = kube;
    this.ovs = ovs;
    this.reconciler = reconciler;
    this.key = "node/" + options.nodeName();
    this.thread = Threads.daemonThread("ovn-eip-agent-" + options.nodeName(), this::run);
  }

  void start() {
    thread.start();
  }

  AgentStatus status() {
    return new AgentStatus(
        reconciles.get(),
        transactions.get(),
        failures.get(),
        Optional.ofNullable(lastOutcome.get()));
  }

  /** Blocks until the loop has ended (after {@link #close()} or an interrupt). */
  void awaitStopped() throws InterruptedException {
    stopped.await();
  }

  private void run() {
    try {
      awaitReady();
      int attempt = 0;
      Duration next = Duration.ZERO;
      while (running) {
        trigger.await(next);
        if (!running) {
          break;
        }
        try {
          AgentReconciler.Pass pass = reconciler.reconcile();
          reconciles.incrementAndGet();
          if (pass.sent()) {
            transactions.incrementAndGet();
          }
          lastOutcome.set(pass.plan().outcome());
          attempt = 0;
          next = pass.requeueAfter().orElse(options.resync());
        } catch (InterruptedException e) {
          throw e;
        } catch (Exception e) {
          failures.incrementAndGet();
          Duration backoff = backoff(++attempt);
          LOG.warn(
              "{}: reconcile failed (attempt {}), retrying in {} ms: {}",
              key,
              attempt,
              backoff.toMillis(),
              e.toString());
          // Sleep out the backoff even if signals arrive: a flapping DB must not become a busy
          // loop. The signal stays pending, so the pass right after sees the latest state.
          sleep(backoff);
          next = Duration.ZERO;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      stopped.countDown();
      LOG.info("{}: agent loop stopped", key);
    }
  }

  /**
   * Waits for the first full list of both informers and the replica's initial contents: before
   * that, "no ConfigMap" or "no bridge" would be guesses, and acting on them could tear down a
   * working gateway.
   */
  private void awaitReady() throws InterruptedException {
    while (running && !kube.awaitSynced(READY_TIMEOUT)) {
      LOG.warn("{}: Kubernetes informers not synced after {} s, still waiting", key, 30);
    }
    while (running) {
      try {
        ovs.awaitInitial(READY_TIMEOUT);
        LOG.info("{}: Kubernetes and {} in sync, reconciling", key, options.ovsDb());
        return;
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        LOG.warn("{}: no replica of {} yet, retrying: {}", key, options.ovsDb(), e.toString());
        sleep(Duration.ofSeconds(1));
      }
    }
  }

  private Duration backoff(int attempt) {
    long millis = FIRST_BACKOFF.toMillis() << Math.min(attempt - 1, 16);
    return Duration.ofMillis(Math.min(millis, options.maxBackoff().toMillis()));
  }

  private void sleep(Duration d) throws InterruptedException {
    long deadline = System.nanoTime() + d.toNanos();
    while (running && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(
          Math.min(50, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
    }
  }

  /** Stops the loop and waits for the pass in flight to finish (a transaction is never cut). */
  @Override
  public void close() {
    running = false;
    trigger.fire();
    try {
      if (!stopped.await(10, TimeUnit.SECONDS)) {
        thread.interrupt();
        stopped.await(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

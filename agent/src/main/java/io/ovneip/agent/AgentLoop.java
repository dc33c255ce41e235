package io.ovneip.agent;

import io.ovneip.model.ovs.OvsPlan;
import io.ovneip.runtime.Backoff;
import io.ovneip.runtime.WorkQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's single worker: the shared {@link WorkQueue} with one key, this node. Informer and
 * replica callbacks only {@link #signal()} (level-triggered: a pass reads the current state, not
 * the event, and many signals before it become one pass); a pass asks to be run again after its
 * requeue-after (a NIC to wait for, the label debounce) or the resync period; a failed pass is
 * logged once by the queue and retried with exponential backoff, signals meanwhile waiting for it.
 * Only the queue's thread writes to OVS, so passes never overlap.
 */
final class AgentLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AgentLoop.class);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

  private final AgentOptions options;
  private final String key;
  private final WorkQueue queue;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicLong reconciles = new AtomicLong();
  private final AtomicLong transactions = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicReference<OvsPlan.Outcome> lastOutcome = new AtomicReference<>();
  private volatile KubeView kube;
  private volatile OvsLink ovs;
  private volatile AgentReconciler reconciler;
  private volatile boolean running = true;
  private boolean ready;

  AgentLoop(AgentOptions options, Clock clock) {
    this.options = options;
    this.key = "node/" + options.nodeName();
    Duration first =
        FIRST_BACKOFF.compareTo(options.maxBackoff()) < 0 ? FIRST_BACKOFF : options.maxBackoff();
    this.queue =
        new WorkQueue(
            "ovn-eip-agent-" + options.nodeName(),
            keys -> pass(),
            new Backoff(first, options.maxBackoff()),
            clock);
  }

  /** Something this node's state depends on changed: run a pass soon. */
  void signal() {
    queue.add(key);
  }

  /** Runs the first pass, once Kubernetes and the replica are in sync, and every one after. */
  void start(KubeView kube, OvsLink ovs, AgentReconciler reconciler) {
    this.kube = kube;
    this.ovs = ovs;
    this.reconciler = reconciler;
    queue.start();
    signal();
  }

  AgentStatus status() {
    return new AgentStatus(
        reconciles.get(),
        transactions.get(),
        failures.get(),
        Optional.ofNullable(lastOutcome.get()));
  }

  /** Blocks until the loop has ended (after {@link #close()}). */
  void awaitStopped() throws InterruptedException {
    stopped.await();
  }

  /** The queue's handler: one pass for the node's key. */
  private Map<String, Throwable> pass() throws InterruptedException {
    if (!ready) {
      awaitReady();
      ready = running;
      if (!running) {
        return Map.of();
      }
    }
    try {
      AgentReconciler.Pass pass = reconciler.reconcile();
      reconciles.incrementAndGet();
      if (pass.sent()) {
        transactions.incrementAndGet();
      }
      lastOutcome.set(pass.plan().outcome());
      queue.addAfter(key, pass.requeueAfter().orElse(options.resync()));
      return Map.of();
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      failures.incrementAndGet();
      return Map.of(key, e);
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
        TimeUnit.SECONDS.sleep(1);
      }
    }
  }

  /** Stops the loop and waits for the pass in flight to finish (a transaction is never cut). */
  @Override
  public void close() {
    running = false;
    try {
      queue.close(CLOSE_GRACE);
    } finally {
      stopped.countDown();
      LOG.info("{}: agent loop stopped", key);
    }
  }
}

package io.ovneip.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A keyed, coalescing work queue with one worker thread.
 *
 * <p>A key added many times before the worker gets to it is handled once (level-triggered: the
 * handler reads the current state, not the event). The worker takes every ready key as one batch. A
 * key that fails is retried after an exponential backoff; a key added again while it waits for its
 * retry keeps its backoff (an informer storm must not turn a failing key into a busy loop). Every
 * error is logged here, once, with its key (architecture rule 7). A handler may ask for a key again
 * later ({@link #addAfter}, e.g. a periodic resync): such a key is not pending work, and adding it
 * sooner handles it sooner.
 */
public final class WorkQueue implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkQueue.class);

  private final BatchHandler handler;
  private final Backoff backoff;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Set<String> ready = new LinkedHashSet<>();
  private final Map<String, Instant> delayed = new HashMap<>();
  private final Map<String, Integer> failures = new HashMap<>();
  private final Map<String, Instant> requeues = new HashMap<>();
  private final Thread worker;
  private volatile boolean closed;
  private volatile int inFlight;

  public WorkQueue(String name, BatchHandler handler, Backoff backoff, Clock clock) {
    this.handler = handler;
    this.backoff = backoff;
    this.clock = clock;
    this.worker = Threads.daemonThread(name + "-worker", this::runWorker);
    // A worker that dies says so once; /healthz then fails (alive()) and Kubernetes restarts us.
    this.worker.setUncaughtExceptionHandler(
        (t, e) -> LOG.error("{} died; nothing will be handled again", t.getName(), e));
  }

  public void start() {
    worker.start();
  }

  /** Adds a key; a key already waiting is not added twice. */
  public void add(String key) {
    lock.lock();
    try {
      if (!delayed.containsKey(key) && ready.add(key)) {
        requeues.remove(key); // handled now: the handler asks again if it wants to
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Adds {@code key} once {@code delay} has passed, unless it is handled before (an earlier request
   * stays; a key waiting for a retry keeps its backoff).
   */
  public void addAfter(String key, Duration delay) {
    lock.lock();
    try {
      if (ready.contains(key) || delayed.containsKey(key)) {
        return;
      }
      Instant due = clock.instant().plus(delay);
      requeues.merge(key, due, (a, b) -> a.isBefore(b) ? a : b);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  public void addAll(Iterable<String> keys) {
    keys.forEach(this::add);
  }

  /** Keys waiting to be handled, now or after their backoff (for the queue-depth metric). */
  public int depth() {
    lock.lock();
    try {
      return ready.size() + delayed.size() + inFlight;
    } finally {
      lock.unlock();
    }
  }

  /** True when nothing waits and nothing is being handled. */
  public boolean idle() {
    return depth() == 0;
  }

  /** False once the worker has ended without being closed: nothing would be handled again. */
  public boolean alive() {
    return worker.isAlive() || worker.getState() == Thread.State.NEW;
  }

  private void runWorker() {
    while (!closed) {
      Set<String> batch;
      try {
        batch = takeBatch();
      } catch (InterruptedException e) {
        // Only close() may end the worker; a stray interrupt (from a library the handler called)
        // would otherwise end it silently while the process looks healthy.
        continue;
      }
      if (batch.isEmpty()) {
        continue;
      }
      Map<String, Throwable> failed = handleSafely(batch);
      finish(batch, failed);
    }
  }

  private Set<String> takeBatch() throws InterruptedException {
    lock.lock();
    try {
      while (!closed) {
        promoteDueKeys();
        if (!ready.isEmpty()) {
          Set<String> batch = new LinkedHashSet<>(ready);
          ready.clear();
          inFlight = batch.size();
          return batch;
        }
        long waitMs = millisUntilNextDue();
        if (waitMs < 0) {
          changed.await();
        } else {
          changed.await(Math.max(1, waitMs), TimeUnit.MILLISECONDS);
        }
      }
      return Set.of();
    } finally {
      lock.unlock();
    }
  }

  private void promoteDueKeys() {
    Instant now = clock.instant();
    promoteDue(delayed, now);
    promoteDue(requeues, now);
  }

  private void promoteDue(Map<String, Instant> waiting, Instant now) {
    var it = waiting.entrySet().iterator();
    while (it.hasNext()) {
      var e = it.next();
      if (!e.getValue().isAfter(now)) {
        ready.add(e.getKey());
        it.remove();
      }
    }
  }

  private long millisUntilNextDue() {
    Instant now = clock.instant();
    return java.util.stream.Stream.concat(delayed.values().stream(), requeues.values().stream())
        .mapToLong(t -> Duration.between(now, t).toMillis())
        .min()
        .orElse(-1);
  }

  private Map<String, Throwable> handleSafely(Set<String> batch) {
    try {
      return handler.handle(batch);
    } catch (Exception | Error e) {
      Map<String, Throwable> all = new HashMap<>();
      batch.forEach(k -> all.put(k, e));
      return all;
    }
  }

  private void finish(Set<String> batch, Map<String, Throwable> failed) {
    lock.lock();
    try {
      inFlight = 0;
      for (String key : batch) {
        Throwable cause = failed.get(key);
        if (cause == null) {
          failures.remove(key);
          continue;
        }
        int n = failures.merge(key, 1, Integer::sum);
        Duration wait = backoff.after(n);
        LOG.warn(
            "reconcile of {} failed (attempt {}), retrying in {}: {}", key, n, wait, cause, cause);
        ready.remove(key);
        requeues.remove(key);
        delayed.put(key, clock.instant().plus(wait));
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Stops the worker, interrupting the batch in flight. */
  @Override
  public void close() {
    close(Duration.ZERO);
  }

  /**
   * Stops the worker; the batch in flight gets {@code grace} to finish (a transaction is not cut)
   * before it is interrupted.
   */
  public void close(Duration grace) {
    closed = true;
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (!grace.isZero() && worker.getState() != Thread.State.NEW) {
      try {
        worker.join(grace.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    worker.interrupt();
    try {
      worker.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

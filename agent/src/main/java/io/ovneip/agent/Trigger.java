package io.ovneip.agent;

import java.time.Duration;

/**
 * A coalescing reconcile signal: any number of {@link #fire()} calls before the loop looks become
 * one reconcile. Informer and replica callbacks only fire it; they never reconcile themselves
 * (level-triggered: the loop reads the current state, not the event).
 */
final class Trigger {
  private final Object lock = new Object();
  private boolean pending;

  void fire() {
    synchronized (lock) {
      pending = true;
      lock.notifyAll();
    }
  }

  /**
   * Waits until fired or {@code max} passed, then clears the signal. Returns whether it was fired.
   */
  boolean await(Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    synchronized (lock) {
      while (!pending) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        lock.wait(Math.max(1, left / 1_000_000), 0);
      }
      pending = false;
      return true;
    }
  }
}

package io.ovneip.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polling with a deadline: every wait in the testkit is bounded. */
public final class Waits {
  private Waits() {}

  /** Polls {@code condition} every 20 ms; true once it holds, false when {@code timeout} passes. */
  public static boolean poll(Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (condition.getAsBoolean()) {
        return true;
      }
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  /** Like {@link #poll} but throws naming {@code what} on timeout. */
  public static void require(Duration timeout, String what, BooleanSupplier condition) {
    if (!poll(timeout, condition)) {
      throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
    }
  }
}

package io.ovneip.testkit.dataplane;

import org.slf4j.Logger;

/**
 * Runs clean-up steps in order, each even when an earlier one failed, and rethrows the first
 * failure at the end with the others suppressed: a failed step must not leave the rest behind.
 */
final class Teardown {
  private final Logger log;
  private RuntimeException first;

  Teardown(Logger log) {
    this.log = log;
  }

  void step(String what, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      log.warn("teardown: {} failed: {}", what, e.toString());
      if (first == null) {
        first = new IllegalStateException("teardown: " + what + " failed", e);
      } else {
        first.addSuppressed(e);
      }
    }
  }

  void rethrow() {
    if (first != null) {
      throw first;
    }
  }
}

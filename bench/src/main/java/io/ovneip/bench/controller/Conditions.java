package io.ovneip.bench.controller;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Conditions on a watched view that complete with the {@link System#nanoTime} of the first change
 * after which they hold: how the watchers time each phase. Not thread-safe: its owner calls it
 * under the lock that guards the view.
 */
final class Conditions<V> {
  private record Pending<V>(Predicate<V> condition, CompletableFuture<Long> done) {}

  private final List<Pending<V>> pending = new ArrayList<>();

  /** Completes now if {@code condition} already holds on {@code view}, else at a later change. */
  CompletableFuture<Long> when(Predicate<V> condition, V view) {
    CompletableFuture<Long> done = new CompletableFuture<>();
    if (condition.test(view)) {
      done.complete(System.nanoTime());
    } else {
      pending.add(new Pending<>(condition, done));
    }
    return done;
  }

  /** After {@code view} changed at {@code nanos}: completes every condition that now holds. */
  void changed(V view, long nanos) {
    pending.removeIf(
        p -> {
          if (p.condition().test(view)) {
            p.done().complete(nanos);
            return true;
          }
          return false;
        });
  }
}

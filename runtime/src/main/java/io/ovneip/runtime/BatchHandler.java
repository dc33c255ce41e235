package io.ovneip.runtime;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Reconciles a batch of keys. Returns the keys that failed, with their cause, for a retry. */
@FunctionalInterface
public interface BatchHandler {
  Map<String, Throwable> handle(Set<String> keys) throws Exception;

  /**
   * A handler that handles each key of the batch on its own: a key whose {@code handler} throws
   * fails (and is retried) alone.
   */
  static BatchHandler eachKey(Consumer<String> handler) {
    return keys -> {
      Map<String, Throwable> failed = new HashMap<>();
      for (String key : keys) {
        try {
          handler.accept(key);
        } catch (RuntimeException e) {
          failed.put(key, e);
        }
      }
      return failed;
    };
  }
}

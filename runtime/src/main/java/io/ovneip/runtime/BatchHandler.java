package io.ovneip.runtime;

import java.util.Map;
import java.util.Set;

/** Reconciles a batch of keys. Returns the keys that failed, with their cause, for a retry. */
@FunctionalInterface
public interface BatchHandler {
  Map<String, Throwable> handle(Set<String> keys) throws Exception;
}

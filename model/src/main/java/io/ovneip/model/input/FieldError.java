package io.ovneip.model.input;

import java.util.Objects;

/**
 * One reason an input was rejected. {@code key} names the ConfigMap key, annotation or flag the
 * user has to fix, so an Event can point at it (docs/behaviour.md §2.1: "an Event names each bad
 * key").
 */
public record FieldError(String key, String message) {
  public FieldError {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return key + ": " + message;
  }
}

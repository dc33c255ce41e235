package io.ovneip.controller.preflight;

import java.util.Objects;

/**
 * One preflight check's outcome: a short check name, whether it holds, and what to change (with the
 * command) when it does not. Missing permissions or resources are {@link Status#NOT_CHECKED}, never
 * a failure.
 */
public record Finding(String check, Status status, String message, String fix) {
  public enum Status {
    OK,
    WARN,
    NOT_CHECKED
  }

  public Finding {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
    fix = fix == null ? "" : fix;
  }

  static Finding ok(String check, String message) {
    return new Finding(check, Status.OK, message, "");
  }

  static Finding warn(String check, String message, String fix) {
    return new Finding(check, Status.WARN, message, fix);
  }

  static Finding notChecked(String check, String why) {
    return new Finding(check, Status.NOT_CHECKED, why, "");
  }

  /** One line: {@code WARN check: message (fix: ...)}. */
  public String line() {
    String head = String.format("%-11s %s: %s", status.name().replace('_', ' '), check, message);
    return fix.isEmpty() ? head : head + " -- fix: " + fix;
  }
}

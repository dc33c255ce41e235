package io.ovneip.sandbox.demo;

/**
 * A step of the walk-through did not hold; the message says what was expected and what was seen.
 */
public final class StepFailedException extends RuntimeException {
  private final String step;

  StepFailedException(String step, String message) {
    super(message);
    this.step = step;
  }

  /** The title of the step that failed. */
  public String step() {
    return step;
  }
}

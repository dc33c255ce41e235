package io.ovneip.runtime;

import java.time.Duration;

/** Exponential backoff: {@code base * 2^(failures-1)}, capped at {@code max}. */
public record Backoff(Duration base, Duration max) {
  public Backoff {
    if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException("need 0 < base <= max, got " + base + ", " + max);
    }
  }

  public Duration after(int failures) {
    if (failures <= 0) {
      return Duration.ZERO;
    }
    int shift = Math.min(failures - 1, 30);
    Duration d = base.multipliedBy(1L << shift);
    return d.compareTo(max) > 0 ? max : d;
  }
}

package io.ovneip.model.realized;

import java.util.Objects;

/**
 * What the {@code ovn-eip.io/realized} condition says (docs/behaviour.md §5.5).
 *
 * @param realized every chassis serving the pod has installed the flows of its latest rows
 * @param reason {@code Realized}, or why not: {@code NorthdBehind}, {@code NotBound}, {@code
 *     ChassisDown}, {@code ChassisLagging}, {@code NotCommitted}
 */
public record RealizedVerdict(boolean realized, String reason, String message) {
  public static final String REALIZED = "Realized";
  public static final String NORTHD_BEHIND = "NorthdBehind";
  public static final String NOT_BOUND = "NotBound";
  public static final String CHASSIS_DOWN = "ChassisDown";
  public static final String CHASSIS_LAGGING = "ChassisLagging";
  public static final String NOT_COMMITTED = "NotCommitted";

  public RealizedVerdict {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }
}

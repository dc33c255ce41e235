package io.ovneip.controller.realized;

import io.fabric8.kubernetes.api.model.Node;
import io.ovneip.controller.kube.EventRecorder;
import io.ovneip.model.realized.GatewayLag;
import io.ovneip.model.realized.SbProgress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the gateway chassis' {@code nb_cfg} progress and demotes one whose ovn-controller stopped
 * catching up (docs/behaviour.md §5.6). The decision is {@link GatewayLag}'s; this class feeds it
 * the Southbound and the clock once per {@link #tick}, keeps its state, tells the reconciler when
 * the demoted set changes (the gateway rows are rebuilt with it) and records the Events on the
 * chassis' Node.
 */
public final class GatewayHealth {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayHealth.class);

  private final Supplier<SbProgress> sb;
  private final Supplier<List<String>> gatewayChassis;
  private final Function<String, Optional<Node>> nodeOfChassis;
  private final EventRecorder events;
  private final BooleanSupplier active;
  private final Runnable onDemotedChange;
  private final IntConsumer demotedGauge;
  private final Duration threshold;
  private final Clock clock;

  private GatewayLag.State state = GatewayLag.State.initial(); // only tick() touches it
  private Set<String> notMovedShown = Set.of();
  private volatile Set<String> demoted = Set.of();

  public GatewayHealth(
      Supplier<SbProgress> sb,
      Supplier<List<String>> gatewayChassis,
      Function<String, Optional<Node>> nodeOfChassis,
      EventRecorder events,
      BooleanSupplier active,
      Runnable onDemotedChange,
      IntConsumer demotedGauge,
      Duration threshold,
      Clock clock) {
    this.sb = sb;
    this.gatewayChassis = gatewayChassis;
    this.nodeOfChassis = nodeOfChassis;
    this.events = events;
    this.active = active;
    this.onDemotedChange = onDemotedChange;
    this.demotedGauge = demotedGauge;
    this.threshold = threshold;
    this.clock = clock;
  }

  /** The gateway chassis demoted now (given to the gateway rows). */
  public Set<String> demoted() {
    return demoted;
  }

  /** One step: called periodically, and its thread is the only one that calls it. */
  public synchronized void tick() {
    SbProgress progress = sb.get();
    GatewayLag.Step step =
        GatewayLag.step(
            state, gatewayChassis.get(), progress, clock.millis(), threshold.toMillis());
    state = step.state();
    Set<String> before = demoted;
    demotedGauge.accept(step.demoted().size());
    if (!step.demoted().equals(before)) {
      demoted = step.demoted();
      report(before, step, progress);
      onDemotedChange.run();
    }
    Set<String> newlyNotMoved = new HashSet<>(step.stuckNotMoved());
    newlyNotMoved.removeAll(notMovedShown);
    notMovedShown = step.stuckNotMoved();
    for (String chassis : newlyNotMoved) {
      event(
          chassis,
          EventRecorder.Type.WARNING,
          "GatewayChassisLagging",
          "chassis "
              + chassis
              + " has not caught up with nb_cfg for more than "
              + threshold.toSeconds()
              + "s (is its ovn-controller running?); not moved: no healthy gateway chassis to"
              + " move to"
              + waitingFor(chassis));
    }
  }

  private void report(Set<String> before, GatewayLag.Step step, SbProgress progress) {
    for (String chassis : step.demoted()) {
      if (!before.contains(chassis)) {
        LOG.warn("demoting gateway chassis {}: it stopped catching up with nb_cfg", chassis);
        event(
            chassis,
            EventRecorder.Type.WARNING,
            "GatewayChassisDemoted",
            "chassis "
                + chassis
                + " has not caught up with nb_cfg for more than "
                + threshold.toSeconds()
                + "s while others do (is its ovn-controller running?): gateway priority lowered"
                + " to 0"
                + waitingFor(chassis));
      }
    }
    for (String chassis : before) {
      if (!step.demoted().contains(chassis)) {
        LOG.info("restoring gateway chassis {}: it caught up with nb_cfg", chassis);
        SbProgress.Report r = progress.reports().get(chassis);
        event(
            chassis,
            EventRecorder.Type.NORMAL,
            "GatewayChassisRestored",
            "chassis "
                + chassis
                + (r == null ? " is no longer stuck" : " caught up (nb_cfg " + r.nbCfg() + ")")
                + ": gateway priority restored");
      }
    }
  }

  private String waitingFor(String chassis) {
    GatewayLag.Waiting w = state.waiting().get(chassis);
    return w == null ? "" : " (waiting for nb_cfg " + w.nbCfg() + ")";
  }

  private void event(String chassis, EventRecorder.Type type, String reason, String message) {
    if (!active.getAsBoolean()) {
      return;
    }
    Optional<Node> node = nodeOfChassis.apply(chassis);
    if (node.isEmpty()) {
      LOG.warn("{}: {} (no Node for chassis {})", reason, message, chassis);
      return;
    }
    try {
      events.record(node.get(), type, reason, message);
    } catch (RuntimeException e) {
      LOG.warn(
          "could not record {} on node {}: {}",
          reason,
          node.get().getMetadata().getName(),
          e.toString());
    }
  }
}

package io.ovneip.controller.reconcile;

import io.ovneip.controller.kube.ClusterView;
import io.ovneip.controller.kube.EventRecorder;
import io.ovneip.controller.kube.NodeLabeler;
import io.ovneip.controller.metrics.ChangeLatency;
import io.ovneip.controller.metrics.ControllerMetrics;
import io.ovneip.controller.ovn.NorthboundDb;
import io.ovneip.controller.ovn.SouthboundChassis;
import io.ovneip.controller.publish.GatewayStatusPublisher;
import io.ovneip.controller.publish.PodStatusPublisher;
import io.ovneip.controller.realized.RealizationTracker;
import io.ovneip.model.input.GatewaySettings;
import java.util.Set;
import java.util.function.Supplier;

/** Assembles a {@link Reconciler} from the edges it writes through. */
public final class Reconcilers {
  private Reconcilers() {}

  public static Reconciler create(
      GatewaySettings settings,
      ClusterView view,
      NorthboundDb nb,
      SouthboundChassis sb,
      PodStatusPublisher pods,
      EventRecorder events,
      NodeLabeler labeler,
      ControllerMetrics metrics,
      ChangeLatency latency,
      RealizationTracker realized,
      Supplier<Set<String>> demotedChassis) {
    return new Reconciler(
        settings,
        view,
        nb,
        sb,
        pods,
        new GatewayStatusPublisher(events, labeler),
        metrics,
        latency,
        new OwnerQuarantine(settings, nb, view, events, metrics.quarantinedOwners),
        realized,
        demotedChassis);
  }
}

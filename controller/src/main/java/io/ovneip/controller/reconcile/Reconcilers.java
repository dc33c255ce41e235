package io.ovneip.controller.reconcile;

import io.ovneip.controller.kube.ClusterView;
import io.ovneip.controller.kube.EventRecorder;
import io.ovneip.controller.kube.NodeLabeler;
import io.ovneip.controller.metrics.ChangeLatency;
import io.ovneip.controller.metrics.ControllerMetrics;
import io.ovneip.controller.ovn.NorthboundDb;
import io.ovneip.controller.ovn.SouthboundChassis;
import io.ovneip.model.input.GatewaySettings;
import io.ovneip.model.nb.OwnerKey;

/** Assembles a {@link Reconciler} from the edges it writes through. */
public final class Reconcilers {
  private Reconcilers() {}

  /** Key of a full reconcile with no Kubernetes change behind it. */
  public static final String RESYNC_KEY = "resync";

  /** Prefix of the keys NB change notifications add, one per owner of a changed row. */
  public static final String NB_KEY_PREFIX = "nb/";

  public static Reconciler create(
      GatewaySettings settings,
      ClusterView view,
      NorthboundDb nb,
      SouthboundChassis sb,
      PodStatusPublisher pods,
      EventRecorder events,
      NodeLabeler labeler,
      ControllerMetrics metrics,
      ChangeLatency latency) {
    return new Reconciler(
        settings,
        view,
        nb,
        sb,
        pods,
        new GatewayStatusPublisher(events, labeler),
        metrics,
        latency);
  }

  /** The queue key of the object that owns NB rows with {@code owner}. */
  public static String keyOf(OwnerKey owner) {
    return owner
        .pod()
        .map(p -> ClusterView.podKey(p.namespace(), p.name()))
        .orElse(ClusterView.GATEWAY_KEY);
  }
}

package io.ovneip.controller.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The controller's metrics (issue 8). One instance per controller, registered in its own registry
 * so that two controllers in one JVM (the leader-election tests) do not collide.
 */
public final class ControllerMetrics {
  private final PrometheusRegistry registry = new PrometheusRegistry();

  public final Histogram reconcileSeconds =
      Histogram.builder()
          .name("ovn_eip_reconcile_duration_seconds")
          .help("Time to reconcile one batch of keys, NB transaction and status writes included.")
          .register(registry);
  public final Gauge queueDepth =
      Gauge.builder()
          .name("ovn_eip_queue_depth")
          .help("Keys waiting in the work queue.")
          .register(registry);
  public final Gauge ownedRows =
      Gauge.builder()
          .name("ovn_eip_owned_rows")
          .help("Northbound rows owned by ovn-eip, by table.")
          .labelNames("table")
          .register(registry);
  public final Gauge conflicts =
      Gauge.builder()
          .name("ovn_eip_pods_in_conflict")
          .help("Pods now refused an address because an earlier pod holds it.")
          .register(registry);
  public final Gauge invalidInputs =
      Gauge.builder()
          .name("ovn_eip_invalid_inputs")
          .help("Invalid inputs now: pods with a bad eip/snat annotation, and the ConfigMap (0/1).")
          .labelNames("kind")
          .register(registry);
  public final Gauge quarantinedOwners =
      Gauge.builder()
          .name("ovn_eip_quarantined_owners")
          .help(
              "Owners (pods, the gateway) whose rows Northbound refused; retried with backoff while"
                  + " the others go ahead.")
          .register(registry);
  public final Counter transactions =
      Counter.builder()
          .name("ovn_eip_nb_transactions_total")
          .help("Northbound transactions sent.")
          .register(registry);
  public final Counter nbReconnects =
      Counter.builder()
          .name("ovn_eip_nb_reconnects_total")
          .help("Reconnections to the Northbound database.")
          .register(registry);
  public final Gauge nbConnected =
      Gauge.builder()
          .name("ovn_eip_nb_connected")
          .help("1 while the connection to the Northbound database is up (sampled every second).")
          .register(registry);
  public final Counter reconcileErrors =
      Counter.builder()
          .name("ovn_eip_reconcile_errors_total")
          .help("Reconcile batches in which at least one key failed (each such key is retried).")
          .register(registry);
  public final Gauge leader =
      Gauge.builder()
          .name("ovn_eip_leader")
          .help("1 while this replica holds the leader Lease.")
          .register(registry);
  public final Counter driftRepairs =
      Counter.builder()
          .name("ovn_eip_drift_repairs_total")
          .help("Reconciles that wrote although no Kubernetes object had changed (hand edits).")
          .register(registry);
  public final Histogram changeToCommitSeconds =
      Histogram.builder()
          .name("ovn_eip_annotation_to_commit_seconds")
          .help("From a pod's eip/snat annotation change seen by the informer to its NB commit.")
          .register(registry);
  public final Histogram changeToRealizedSeconds =
      Histogram.builder()
          .name("ovn_eip_annotation_to_realized_seconds")
          .help(
              "From a pod's eip/snat annotation change seen by the informer to the chassis serving"
                  + " it reporting the flows installed (Chassis_Private.nb_cfg).")
          .register(registry);
  public final Gauge pendingRealization =
      Gauge.builder()
          .name("ovn_eip_pods_not_realized")
          .help("Pods whose committed rows the chassis serving them has not installed yet.")
          .register(registry);
  public final Gauge demotedChassis =
      Gauge.builder()
          .name("ovn_eip_gateway_chassis_demoted")
          .help("Gateway chassis demoted because their ovn-controller stopped catching up.")
          .register(registry);

  public PrometheusRegistry registry() {
    return registry;
  }
}

package io.ovneip.controller.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.ovneip.controller.kube.ClusterView;
import io.ovneip.controller.kube.KubeInputs;
import io.ovneip.controller.metrics.ChangeLatency;
import io.ovneip.controller.metrics.ControllerMetrics;
import io.ovneip.controller.ovn.NorthboundDb;
import io.ovneip.controller.ovn.SouthboundChassis;
import io.ovneip.controller.publish.GatewayStatusPublisher;
import io.ovneip.controller.publish.PodStatusPublisher;
import io.ovneip.controller.queue.QueueKey;
import io.ovneip.model.desired.DesiredNb;
import io.ovneip.model.desired.DesiredResult;
import io.ovneip.model.desired.PodOutcome;
import io.ovneip.model.diff.BfdOptions;
import io.ovneip.model.diff.EncodedPlan;
import io.ovneip.model.diff.NbDiff;
import io.ovneip.model.diff.Plan;
import io.ovneip.model.diff.PlanEncoder;
import io.ovneip.model.input.GatewayConfig;
import io.ovneip.model.input.GatewayConfigParser;
import io.ovneip.model.input.GatewaySettings;
import io.ovneip.model.input.NodeInventory;
import io.ovneip.model.input.PodIntent;
import io.ovneip.model.input.PodRef;
import io.ovneip.model.input.Validated;
import io.ovneip.ovsdb.protocol.Operation;
import io.ovneip.runtime.BatchHandler;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconcile of a batch: Kubernetes now -> desired rows -> plan against the owned rows in NB ->
 * one transaction -> status. Every pod's outcome is decided every time (conflicts are a property of
 * all pods together; unchanged pods reuse their earlier outcome), but only the owners the batch
 * concerns are compared ({@link ReconcileScope}) and only the difference is written.
 */
public final class Reconciler implements BatchHandler {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

  private final GatewaySettings settings;
  private final ClusterView view;
  private final NorthboundDb nb;
  private final SouthboundChassis sb;
  private final PodStatusPublisher pods;
  private final GatewayStatusPublisher gateway;
  private final ControllerMetrics metrics;
  private final ChangeLatency latency;
  private final KubeInputs inputs = new KubeInputs();
  private Optional<GatewayConfig> lastGood = Optional.empty();

  /** The desired state of the last batch whose plan committed; null: diff everything next. */
  private DesiredResult lastCommitted;

  Reconciler(
      GatewaySettings settings,
      ClusterView view,
      NorthboundDb nb,
      SouthboundChassis sb,
      PodStatusPublisher pods,
      GatewayStatusPublisher gateway,
      ControllerMetrics metrics,
      ChangeLatency latency) {
    this.settings = settings;
    this.view = view;
    this.nb = nb;
    this.sb = sb;
    this.pods = pods;
    this.gateway = gateway;
    this.metrics = metrics;
    this.latency = latency;
  }

  @Override
  public Map<String, Throwable> handle(Set<String> keys) {
    long start = System.nanoTime();
    try {
      return reconcile(keys);
    } finally {
      metrics.reconcileSeconds.observe((System.nanoTime() - start) / 1e9);
      nb.ownedCounts().forEach((table, n) -> metrics.ownedRows.labelValues(table).set(n));
    }
  }

  private Map<String, Throwable> reconcile(Set<String> keys) {
    Optional<ConfigMap> configMap = view.configMap();
    Optional<DesiredResult> desired = desired(keys, configMap);
    if (desired.isEmpty()) {
      return Map.of(); // invalid and no last good state: change nothing (docs/behaviour.md §2.1)
    }
    DesiredResult result = desired.get();
    ReconcileScope scope = ReconcileScope.of(keys, result, lastCommitted);
    Plan plan = NbDiff.compute(scope.desired(result), scope.observed(nb), scope.test());
    Map<String, Throwable> failed = new ConcurrentHashMap<>();
    plan.problems()
        .forEach(
            p ->
                failed.put(
                    QueueKey.ownerOf(p.owner()).print(), new IllegalStateException(p.message())));
    gateway.reportBlocked(configMap, plan.problems().stream().map(Plan.Problem::message).toList());
    gateway.reportForeignKept(configMap, plan.foreignKept());

    EncodedPlan encoded = PlanEncoder.encode(plan, settings);
    if (encoded instanceof EncodedPlan.Blocked blocked) {
      IllegalStateException why = new IllegalStateException(String.join("; ", blocked.reasons()));
      gateway.reportBlocked(configMap, blocked.reasons());
      keys.forEach(k -> failed.put(k, why));
      return failed;
    }
    // NB_Global's BFD options ride in the same transaction (docs/behaviour.md §3.2).
    List<Operation> bfd = bfdOperations(result);
    if (encoded instanceof EncodedPlan.Transaction txn) {
      List<Operation> ops = new java.util.ArrayList<>(txn.operations());
      ops.addAll(bfd);
      LOG.info("applying {} in one transaction ({} operations)", plan, ops.size());
      nb.apply(ops, plan.deletes().stream().map(Plan.Delete::uuid).toList());
      metrics.transactions.inc();
      latency.committed(plan.owners().stream().map(o -> QueueKey.ownerOf(o).print()).toList());
      if (keys.stream()
          .map(QueueKey::parse)
          .noneMatch(k -> k instanceof QueueKey.Pod || k instanceof QueueKey.Gateway)) {
        // Only resync or NB-change keys: nothing in Kubernetes changed, NB had drifted.
        metrics.driftRepairs.inc();
      }
    }
    if (!(encoded instanceof EncodedPlan.Transaction) && !bfd.isEmpty()) {
      LOG.info("applying NB_Global BFD options ({} operations)", bfd.size());
      nb.apply(bfd, List.of());
    }
    // Committed (or nothing to write): the next batch may diff only what changes after this.
    lastCommitted = result;
    keys.forEach(latency::settled);
    countVerdicts(result);
    gateway.reportOutcome(configMap, result.gateway());
    failed.putAll(gateway.label(view.nodes(), result.gatewayNodes().orElse(List.of())));
    pods.publish(result, scope.pods(result), inputs::intent);
    return failed;
  }

  /** What the batch wants; empty when the ConfigMap is invalid and there is no last good one. */
  private Optional<DesiredResult> desired(Set<String> keys, Optional<ConfigMap> configMap) {
    if (lastCommitted != null
        && keys.stream().map(QueueKey::parse).allMatch(k -> k instanceof QueueKey.NbOwner)) {
      // Only NB changed (typically our own write coming back): every Kubernetes change comes
      // with a key of its own, so the desired state is still the last committed one.
      return Optional.of(lastCommitted);
    }
    return effectiveConfig(configMap)
        .map(
            config ->
                DesiredNb.build(
                    settings,
                    config,
                    new NodeInventory(
                        KubeInputs.nodes(view.nodes()),
                        sb.chassisByHostname(),
                        sb.activeGatewayChassis()),
                    intents(keys),
                    nb.facts().forRouter(settings.routerName()),
                    lastCommitted));
  }

  private List<String> lastBfdConflicts = List.of();

  /**
   * The mutate that brings NB_Global's BFD options to what the ConfigMap asks, touching only what
   * ovn-eip set; someone else's value is reported (once per change), never overwritten.
   */
  private List<Operation> bfdOperations(DesiredResult result) {
    Optional<Integer> asked =
        result.config().filter(c -> c.enabled()).flatMap(c -> c.bfdIntervalMs());
    Optional<NorthboundDb.NbGlobal> global = nb.nbGlobal();
    if (global.isEmpty()) {
      return List.of();
    }
    BfdOptions.Change change =
        BfdOptions.plan(asked, global.get().options(), global.get().externalIds());
    if (!change.conflicts().equals(lastBfdConflicts)) {
      change.conflicts().forEach(c -> LOG.warn("gateway-bfd-interval-ms: {}", c));
      lastBfdConflicts = change.conflicts();
    }
    return change.isEmpty()
        ? List.of()
        : List.of(BfdOptions.encode(global.get().uuid(), change, global.get().externalIds()));
  }

  /**
   * Every pod's intent: re-read whole on a full reconcile, else only the batch's pods (every
   * Kubernetes change of a pod comes with its key; changes that only touch what a pod shows leave
   * its intent as it is).
   */
  private Collection<PodIntent> intents(Set<String> keys) {
    boolean onlyPodsOrNb =
        keys.stream()
            .map(QueueKey::parse)
            .allMatch(k -> k instanceof QueueKey.Pod || k instanceof QueueKey.NbOwner);
    if (lastCommitted == null || !onlyPodsOrNb) {
      return inputs.intents(view.pods());
    }
    List<PodRef> changed =
        keys.stream()
            .map(QueueKey::parse)
            .flatMap(k -> k instanceof QueueKey.Pod p ? Stream.of(p.pod()) : Stream.empty())
            .toList();
    return inputs.intents(changed, ref -> view.pod(ref.namespace(), ref.name()));
  }

  /** The valid ConfigMap, else the last good one (its errors reported), else nothing. */
  private Optional<GatewayConfig> effectiveConfig(Optional<ConfigMap> configMap) {
    Validated<GatewayConfig> parsed =
        GatewayConfigParser.parse(configMap.map(ConfigMap::getData).map(Map::copyOf).orElse(null));
    if (parsed.value().isPresent()) {
      metrics.invalidInputs.labelValues("configmap").set(0);
      lastGood = parsed.value();
      return lastGood;
    }
    metrics.invalidInputs.labelValues("configmap").set(1);
    LOG.warn(
        "ConfigMap {} is invalid: {}; keeping the last good state",
        GatewayConfigParser.CONFIG_MAP_NAME,
        parsed.errors());
    gateway.reportInvalid(configMap, parsed.errors());
    return lastGood;
  }

  private void countVerdicts(DesiredResult result) {
    metrics.conflicts.set(result.count(PodOutcome.Status.CONFLICT));
    metrics.invalidInputs.labelValues("pod").set(result.count(PodOutcome.Status.INVALID));
  }
}

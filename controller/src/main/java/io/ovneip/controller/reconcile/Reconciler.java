package io.ovneip.controller.reconcile;

import static java.util.function.Predicate.not;
import static java.util.stream.Collectors.toSet;

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
import io.ovneip.controller.realized.RealizationTracker;
import io.ovneip.model.desired.DesiredNb;
import io.ovneip.model.desired.DesiredResult;
import io.ovneip.model.desired.GatewayOutcome;
import io.ovneip.model.desired.PodOutcome;
import io.ovneip.model.diff.BfdOptions;
import io.ovneip.model.diff.EncodedPlan;
import io.ovneip.model.diff.NbDiff;
import io.ovneip.model.diff.Plan;
import io.ovneip.model.diff.PlanEncoder;
import io.ovneip.model.input.EffectiveConfig;
import io.ovneip.model.input.GatewayConfigParser;
import io.ovneip.model.input.GatewaySettings;
import io.ovneip.model.input.NodeInventory;
import io.ovneip.model.input.PodRef;
import io.ovneip.model.nb.OwnerKey;
import io.ovneip.ovsdb.protocol.Operation;
import io.ovneip.runtime.BatchHandler;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconcile of a batch, read top to bottom in {@link #reconcile}: inputs (Kubernetes now, the
 * config to build under), desired rows, scope, diff against the owned rows in NB, encode, apply in
 * one transaction, publish status. Every pod's outcome is decided every time (conflicts are a
 * property of all pods together; unchanged pods reuse their earlier outcome), but only the owners
 * the batch concerns are compared and only the difference is written. What it remembers between
 * batches is in {@link ReconcileMemory}.
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
  private final OwnerQuarantine quarantine;
  private final RealizationTracker realized;
  private final Supplier<Set<String>> demotedChassis;
  private final ReconcileMemory memory = new ReconcileMemory();
  private volatile List<String> gatewayChassis = List.of();

  Reconciler(
      GatewaySettings settings,
      ClusterView view,
      NorthboundDb nb,
      SouthboundChassis sb,
      PodStatusPublisher pods,
      GatewayStatusPublisher gateway,
      ControllerMetrics metrics,
      ChangeLatency latency,
      OwnerQuarantine quarantine,
      RealizationTracker realized,
      Supplier<Set<String>> demotedChassis) {
    this.settings = settings;
    this.view = view;
    this.nb = nb;
    this.sb = sb;
    this.pods = pods;
    this.gateway = gateway;
    this.metrics = metrics;
    this.latency = latency;
    this.quarantine = quarantine;
    this.realized = realized;
    this.demotedChassis = demotedChassis;
  }

  /**
   * The gateway chassis of the last committed state, highest configured priority first (whatever
   * demotion did to their priorities): the list {@code GatewayHealth} watches (docs/behaviour.md
   * §5.6).
   */
  public List<String> gatewayChassis() {
    return gatewayChassis;
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
    // After a transaction of unknown outcome, diff only once the replica has caught up with the
    // server, or rows that transaction did commit would be inserted twice (docs/behaviour.md
    // §9.2). Bounded: it throws and the batch is retried.
    nb.awaitSynced();
    List<QueueKey> batch = keys.stream().map(QueueKey::parse).toList();
    Optional<ConfigMap> configMap = view.configMap();
    Optional<DesiredResult> desired =
        memory.unchangedDesired(batch).or(() -> desired(batch, configMap));
    if (desired.isEmpty()) {
      return Map.of(); // invalid and no last good config: change nothing (docs/behaviour.md §2.1)
    }
    DesiredResult result = desired.get();
    ReconcileScope scope = memory.scope(batch, result);
    Plan plan = NbDiff.compute(scope.desired(result), scope.observed(nb), scope.test());
    Map<String, Throwable> failed = new ConcurrentHashMap<>();
    reportProblems(configMap, plan, failed);
    EncodedPlan encoded = PlanEncoder.encode(plan, settings);
    if (encoded instanceof EncodedPlan.Blocked blocked) {
      IllegalStateException why = new IllegalStateException(String.join("; ", blocked.reasons()));
      gateway.reportBlocked(configMap, blocked.reasons());
      keys.forEach(k -> failed.put(k, why));
      return failed;
    }
    OwnerQuarantine.Outcome applied = new OwnerQuarantine.Outcome(Map.of(), OptionalLong.empty());
    Set<PodRef> written = Set.of();
    if (encoded instanceof EncodedPlan.Transaction txn) {
      applied = apply(batch, plan, txn, failed);
      Set<OwnerKey> refused = applied.refused().keySet();
      written =
          plan.owners().stream()
              .filter(not(refused::contains))
              .flatMap(o -> o.pod().stream())
              .collect(toSet());
    }
    // NB_Global's BFD options: a transaction of their own, rarely needed (docs/behaviour.md §3.2).
    List<Operation> bfd = bfdOperations(result);
    if (!bfd.isEmpty()) {
      LOG.info("applying NB_Global BFD options ({} operations)", bfd.size());
      nb.apply(bfd, List.of());
    }
    // Committed (or nothing to write), but for the refused owners, whose own keys come back after
    // their backoff: the next batch may diff only what changes after this.
    memory.committed(result);
    quarantine.settle(scope.test(), applied.refused());
    gatewayChassis =
        result.gateway() instanceof GatewayOutcome.Applied a ? a.chassisByPriority() : List.of();
    realized.committed(result, scope.pods(result), written, applied.nbCfg(), nb::nbCfg);
    publish(keys, configMap, result, scope, applied.refused(), failed);
    return failed;
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
   * Inputs and desired state: the config to build under (docs/behaviour.md §2.1), nodes, chassis,
   * pods and NB's facts, into {@link DesiredNb}. Empty when the gateway is held.
   */
  private Optional<DesiredResult> desired(List<QueueKey> batch, Optional<ConfigMap> configMap) {
    EffectiveConfig config =
        memory.config(
            GatewayConfigParser.parse(
                configMap.map(ConfigMap::getData).map(Map::copyOf).orElse(null)),
            () -> nb.observed(List.of(OwnerKey.GATEWAY)).recordedConfig());
    reportConfig(configMap, config);
    if (config.held()) {
      return Optional.empty();
    }
    return Optional.of(
        DesiredNb.build(
            settings,
            config,
            new NodeInventory(
                KubeInputs.nodes(view.nodes()),
                sb.chassisByHostname(),
                sb.activeGatewayChassis(),
                demotedChassis.get()),
            memory.intents(batch, view::pods, ref -> view.pod(ref.namespace(), ref.name())),
            nb.facts().forRouter(settings.routerName()),
            memory.memo()));
  }

  /** An invalid ConfigMap: its errors are reported, the last good config stays (§2.1). */
  private void reportConfig(Optional<ConfigMap> configMap, EffectiveConfig config) {
    if (config.read().isValid()) {
      metrics.invalidInputs.labelValues("configmap").set(0);
      return;
    }
    metrics.invalidInputs.labelValues("configmap").set(1);
    LOG.warn(
        "ConfigMap {} is invalid: {}; keeping the last good state",
        GatewayConfigParser.CONFIG_MAP_NAME,
        config.errors());
    gateway.reportInvalid(configMap, config.errors());
  }

  /** The owners whose writes the diff withheld fail (and retry); foreign rows kept are shown. */
  private void reportProblems(
      Optional<ConfigMap> configMap, Plan plan, Map<String, Throwable> failed) {
    plan.problems()
        .forEach(
            p ->
                failed.put(
                    QueueKey.ownerOf(p.owner()).print(), new IllegalStateException(p.message())));
    gateway.reportBlocked(configMap, plan.problems().stream().map(Plan.Problem::message).toList());
    gateway.reportForeignKept(configMap, plan.foreignKept());
  }

  /**
   * Apply: the plan's one transaction to NB. Rows NB refuses fail only their owners
   * (docs/behaviour.md §9.2): returned, and their keys retried with backoff; every other owner's
   * rows are committed. Throws when the transaction failed as a whole (the batch retries).
   */
  private OwnerQuarantine.Outcome apply(
      List<QueueKey> batch, Plan plan, EncodedPlan.Transaction txn, Map<String, Throwable> failed) {
    LOG.info("applying {} in one transaction ({} operations)", plan, txn.operations().size());
    OwnerQuarantine.Outcome outcome = quarantine.apply(plan, txn);
    Map<OwnerKey, String> refused = outcome.refused();
    metrics.transactions.inc();
    refused.forEach(
        (o, why) -> failed.put(QueueKey.ownerOf(o).print(), new IllegalStateException(why)));
    latency.committed(
        plan.owners().stream()
            .filter(not(refused::containsKey))
            .map(o -> QueueKey.ownerOf(o).print())
            .toList());
    if (batch.stream().noneMatch(k -> k instanceof QueueKey.Pod || k instanceof QueueKey.Gateway)) {
      // Only resync or NB-change keys: nothing in Kubernetes changed, NB had drifted.
      metrics.driftRepairs.inc();
    }
    return outcome;
  }

  /**
   * Publish, after the commit: metrics, gateway Events and labels, pod status; owners NB refused
   * show that instead.
   */
  private void publish(
      Set<String> keys,
      Optional<ConfigMap> configMap,
      DesiredResult result,
      ReconcileScope scope,
      Map<OwnerKey, String> refused,
      Map<String, Throwable> failed) {
    keys.forEach(latency::settled);
    metrics.conflicts.set(result.count(PodOutcome.Status.CONFLICT));
    metrics.invalidInputs.labelValues("pod").set(result.count(PodOutcome.Status.INVALID));
    if (!refused.containsKey(OwnerKey.GATEWAY)) {
      gateway.reportOutcome(configMap, result.gateway());
      failed.putAll(gateway.label(view.nodes(), result.gatewayNodes().orElseThrow()));
    }
    Set<PodRef> notWritten =
        refused.keySet().stream().flatMap(o -> o.pod().stream()).collect(toSet());
    pods.publish(
        result,
        scope.pods(result).stream().filter(not(notWritten::contains)).toList(),
        memory::intent);
    refused.forEach(
        (owner, why) -> owner.pod().ifPresent(p -> pods.publishRefused(p, memory.intent(p), why)));
  }
}

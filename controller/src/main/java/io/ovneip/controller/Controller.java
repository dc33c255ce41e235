package io.ovneip.controller;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ovneip.controller.kube.ClusterView;
import io.ovneip.controller.kube.EventRecorder;
import io.ovneip.controller.kube.KubeInputs;
import io.ovneip.controller.kube.NodeLabeler;
import io.ovneip.controller.kube.PodStatusWriter;
import io.ovneip.controller.leader.LeaderGate;
import io.ovneip.controller.metrics.ChangeLatency;
import io.ovneip.controller.metrics.ControllerMetrics;
import io.ovneip.controller.ovn.NorthboundDb;
import io.ovneip.controller.ovn.OvnConnections;
import io.ovneip.controller.ovn.SouthboundChassis;
import io.ovneip.controller.ovn.SouthboundProgress;
import io.ovneip.controller.preflight.Preflight;
import io.ovneip.controller.preflight.PreflightReporter;
import io.ovneip.controller.publish.PodStatusPublisher;
import io.ovneip.controller.queue.QueueKey;
import io.ovneip.controller.realized.GatewayHealth;
import io.ovneip.controller.realized.RealizationTracker;
import io.ovneip.controller.reconcile.Reconciler;
import io.ovneip.controller.reconcile.Reconcilers;
import io.ovneip.model.input.NodeInventory;
import io.ovneip.model.observed.ForeignChanges;
import io.ovneip.ovsdb.client.OvsdbClient;
import io.ovneip.runtime.Backoff;
import io.ovneip.runtime.Threads;
import io.ovneip.runtime.WorkQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running controller: informers, leader election, the work queue and the Northbound writer.
 * {@link #start} returns once the databases and informers are synced; {@link #close} stops
 * everything and releases the Lease.
 *
 * <p>Every replica connects and keeps its informers and replicas warm, so a takeover starts from a
 * full view; only the leader's queue writes (the handler drops batches while not leading, and a new
 * leader starts with a full resync).
 */
public final class Controller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Controller.class);

  private static final Duration INITIAL_SYNC = Duration.ofSeconds(60);
  private static final Backoff BACKOFF =
      new Backoff(Duration.ofMillis(200), Duration.ofSeconds(60));

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final ControllerMetrics metrics = new ControllerMetrics();
  private volatile boolean leading;
  private volatile LeaderGate gate;
  private volatile NorthboundDb nb;
  private volatile ClusterView view;
  private WorkQueue queue;
  private volatile PodStatusPublisher podStatus;
  private volatile RealizationTracker realized;
  private volatile Reconciler reconciler;
  private volatile ScheduledExecutorService timers;
  private volatile Clock clock = Clock.systemUTC();

  private Controller() {}

  /** Starts a controller against {@code client} (the caller keeps ownership of the client). */
  public static Controller start(ControllerOptions options, KubernetesClient client) {
    Controller c = new Controller();
    try {
      c.startAll(options, client);
      return c;
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
  }

  private void startAll(ControllerOptions options, KubernetesClient client) {
    Clock clock = Clock.systemUTC();
    OvsdbClient nbClient =
        own(OvsdbClient.connect(OvnConnections.options(options.ovn().nbAddress(), options.ovn())));
    OvsdbClient sbClient =
        own(OvsdbClient.connect(OvnConnections.options(options.ovn().sbAddress(), options.ovn())));
    NorthboundDb nb = own(new NorthboundDb(nbClient, nbClient.options().callTimeout()));
    this.nb = nb;
    nb.awaitInitial(INITIAL_SYNC);
    SouthboundChassis sb =
        own(
            new SouthboundChassis(
                sbClient,
                options.gateway().routerPortName(),
                () -> enqueue(QueueKey.GATEWAY.print())));
    sb.awaitInitial(INITIAL_SYNC);
    SouthboundProgress progress = own(new SouthboundProgress(sbClient, this::onProgress));
    progress.awaitInitial(INITIAL_SYNC);

    // Before the informers: their first callbacks may already schedule grace-period requeues.
    ScheduledExecutorService timers =
        Executors.newSingleThreadScheduledExecutor(Threads.daemon("resync"));
    own(timers::shutdownNow);
    this.timers = timers;
    this.clock = clock;
    EventRecorder events = new EventRecorder(client, "ovn-eip-controller", clock);
    var statusPool = Executors.newFixedThreadPool(8, Threads.daemon("status-writer"));
    own(statusPool::shutdownNow);
    ChangeLatency latency =
        new ChangeLatency(metrics.changeToCommitSeconds, metrics.changeToRealizedSeconds);
    ClusterView view =
        own(
            new ClusterView(
                client,
                options.gateway().configNamespace(),
                this::enqueue,
                this::recheckStatus,
                latency::changed,
                this::requeueAtGraceDeadline));
    this.view = view;
    // The gateway's Events of an earlier run (GatewayApplied, PreflightPassed, ...) stay its
    // latest: a restart over a settled cluster writes nothing (docs/behaviour.md §5.3).
    view.configMap().ifPresent(events::rememberExisting);
    PodStatusPublisher podStatus =
        own(
            new PodStatusPublisher(
                new PodStatusWriter(client, clock),
                events,
                view,
                statusPool,
                this::isLeading,
                options.routedOwner().resolve(client),
                BACKOFF,
                clock));
    RealizationTracker realized =
        own(
            new RealizationTracker(
                view,
                new PodStatusWriter(client, clock),
                progress::progress,
                options.gateway().routerPortName(),
                statusPool,
                this::isLeading,
                latency,
                metrics.pendingRealization::set,
                BACKOFF,
                clock));
    this.realized = realized;
    GatewayHealth health =
        new GatewayHealth(
            progress::progress,
            () -> {
              Reconciler r = reconciler;
              return r == null ? List.of() : r.gatewayChassis();
            },
            chassis -> nodeOfChassis(chassis, sb),
            events,
            this::isLeading,
            () -> enqueue(QueueKey.GATEWAY.print()),
            metrics.demotedChassis::set,
            options.gatewayLagThreshold(),
            clock);
    var reconciler =
        Reconcilers.create(
            options.gateway(),
            view,
            nb,
            sb,
            podStatus,
            events,
            new NodeLabeler(client),
            metrics,
            latency,
            realized,
            health::demoted);
    this.reconciler = reconciler;
    queue =
        own(
            new WorkQueue(
                "reconcile",
                keys -> {
                  if (!isLeading()) {
                    return Map.of();
                  }
                  try {
                    fence();
                    return countErrors(reconciler.handle(keys));
                  } catch (RuntimeException e) {
                    metrics.reconcileErrors.inc(); // the queue logs it and retries every key
                    throw e;
                  }
                },
                BACKOFF,
                clock));
    // NB changes to owned rows (ours or a hand edit) are triggers of their own kind: a write that
    // follows one with no Kubernetes change behind it is a drift repair.
    nb.addOwnerListener(owners -> owners.forEach(o -> enqueue(QueueKey.nb(o).print())));
    podStatus.start();
    this.podStatus = podStatus;
    realized.start();
    queue.start();

    // Verdicts that rows not ours decide (a pod's port, NAT rows and policies of others): NB
    // changes that no Kubernetes event announces.
    nb.addForeignListener(this::onForeignChange);
    long period = options.resyncPeriod().toMillis();
    timers.scheduleAtFixedRate(
        () -> enqueue(QueueKey.RESYNC.print()), period, period, TimeUnit.MILLISECONDS);
    timers.scheduleAtFixedRate(
        () -> {
          metrics.queueDepth.set(queue.depth());
          metrics.nbConnected.set(nb.connected() ? 1 : 0);
        },
        1,
        1,
        TimeUnit.SECONDS);
    // docs/behaviour.md §5.6: the threshold elapses without any Southbound update to announce it.
    timers.scheduleAtFixedRate(
        () -> {
          try {
            health.tick();
          } catch (RuntimeException e) {
            LOG.warn("gateway health check failed: {}", e.toString());
          }
        },
        1,
        1,
        TimeUnit.SECONDS);

    startLeading(options, client);
    // Once, off the start path: reads only, reported as log lines and Events (docs/behaviour.md
    // §8).
    Thread preflight =
        Threads.daemon("preflight")
            .newThread(
                () -> {
                  try {
                    PreflightReporter.report(
                        new Preflight(client, options.gateway()).run(), view.configMap(), events);
                  } catch (RuntimeException e) {
                    LOG.warn("preflight could not run: {}", e.toString());
                  }
                });
    preflight.start();
  }

  private void startLeading(ControllerOptions options, KubernetesClient client) {
    ControllerOptions.Election e = options.election();
    if (!e.enabled()) {
      becomeLeader();
      return;
    }
    LeaderGate gate =
        new LeaderGate(
            client,
            e.namespace(),
            e.leaseName(),
            e.identity(),
            e.timing(),
            this::becomeLeader,
            this::stopLeading);
    // Closed last: the workers stop before the Lease is released, so nothing writes after a
    // successor may have started.
    resources.addLast(gate);
    this.gate = gate;
    gate.start();
  }

  private Map<String, Throwable> countErrors(Map<String, Throwable> failed) {
    if (!failed.isEmpty()) {
      metrics.reconcileErrors.inc();
    }
    return failed;
  }

  private void becomeLeader() {
    leading = true;
    metrics.leader.set(1);
    enqueue(QueueKey.RESYNC.print());
  }

  /**
   * Makes sure NB records this leadership's epoch before anything is written in it, so every
   * transaction of this term carries a {@code wait} that fails once a successor records its own
   * (docs/behaviour.md §9.1). Once per term: later batches find it claimed. Before claiming, the
   * API server is asked whether the term is still the Lease's, so a deposed leader does not record
   * its old epoch over a successor's (NorthboundDb refuses that too, by the Lease transitions).
   * Without election there is one writer by configuration, and no fence.
   */
  private void fence() {
    LeaderGate g = gate;
    if (g == null) {
      return;
    }
    LeaderGate.Term term =
        g.term().orElseThrow(() -> new IllegalStateException("no longer leading"));
    String epoch = term.holder() + "/" + term.transitions();
    // Claimed, and NB still records it: nothing to do. NB restored from a backup (or our key
    // removed) records an older epoch or none, which would fail every transaction's wait: the
    // leader claims again (claimEpoch refuses when NB records a later epoch than ours).
    if (epoch.equals(nb.epoch().orElse(null)) && epoch.equals(nb.recordedEpoch().orElse(null))) {
      return;
    }
    if (!g.holdsNow(term)) {
      throw new IllegalStateException("the Lease is no longer held as " + epoch);
    }
    nb.claimEpoch(epoch, term.transitions());
  }

  /** Tests only: the Northbound writer (to stall it before a send). */
  public NorthboundDb northboundForTests() {
    return nb;
  }

  private void stopLeading() {
    leading = false;
    metrics.leader.set(0);
  }

  /** Leading now: the Lease held and renewed within its deadline (always, without election). */
  public boolean isLeading() {
    LeaderGate g = gate;
    return leading && (g == null || g.isLeading());
  }

  /**
   * The process works: the election loop and the workers are alive (a dead one would never act
   * again, so Kubernetes should restart the pod).
   */
  public boolean healthy() {
    LeaderGate g = gate;
    WorkQueue q = queue;
    PodStatusPublisher status = podStatus;
    RealizationTracker r = realized;
    return (g == null || g.alive())
        && (q == null || q.alive())
        && (status == null || status.alive())
        && (r == null || r.alive());
  }

  /**
   * True when nothing is waiting or being reconciled, status writes included (tests and the sandbox
   * wait on it).
   */
  public boolean idle() {
    PodStatusPublisher status = podStatus;
    RealizationTracker r = realized;
    return queue != null
        && queue.idle()
        && status != null
        && status.idle()
        && r != null
        && r.idle();
  }

  /** Ready to serve: the NB connection is up and the informers have listed. */
  public boolean ready() {
    NorthboundDb db = nb;
    ClusterView v = view;
    return db != null && v != null && db.connected() && v.synced();
  }

  public ControllerMetrics metrics() {
    return metrics;
  }

  private void enqueue(String key) {
    WorkQueue q = queue;
    if (q != null) {
      q.add(key);
    }
  }

  /**
   * Reconciles a pod being deleted again once its grace period is over (docs/behaviour.md §2.3):
   * its rows go then even if a finalizer keeps the object, and no API event marks that instant.
   */
  private void requeueAtGraceDeadline(String podKey, Pod pod) {
    ScheduledExecutorService t = timers;
    Optional<Instant> deadline = KubeInputs.graceDeadline(pod);
    if (t == null || deadline.isEmpty()) {
      return;
    }
    long delay = Duration.between(clock.instant(), deadline.get()).toMillis();
    if (delay > 0) {
      // A little after the instant: a reconcile exactly at it could still see the pod alive.
      t.schedule(() -> enqueue(podKey), delay + 50, TimeUnit.MILLISECONDS);
    }
  }

  private void onForeignChange(ForeignChanges changes) {
    if (changes.wide()) {
      enqueue(QueueKey.RESYNC.print());
      return;
    }
    for (String port : changes.portNames()) {
      // Kube-OVN names a pod's port <pod>.<namespace>; namespaces hold no dot, pod names may.
      int dot = port.lastIndexOf('.');
      if (dot > 0 && dot < port.length() - 1) {
        enqueue(QueueKey.pod(port.substring(dot + 1), port.substring(0, dot)).print());
      }
    }
  }

  /** Every Southbound progress update (chassis reports, bindings): pods are judged again. */
  private void onProgress() {
    RealizationTracker r = realized;
    if (r != null) {
      r.southboundChanged();
    }
  }

  /** The Node whose chassis is {@code chassis} (annotation, else SB hostname; §2.4). */
  private Optional<Node> nodeOfChassis(String chassis, SouthboundChassis sb) {
    ClusterView v = view;
    if (v == null) {
      return Optional.empty();
    }
    Map<String, String> byHostname = sb.chassisByHostname();
    return v.nodes().stream()
        .filter(
            n ->
                NodeInventory.chassisOf(KubeInputs.nodes(List.of(n)).get(0), byHostname)
                    .filter(chassis::equals)
                    .isPresent())
        .findFirst();
  }

  private void recheckStatus(String podKey) {
    PodStatusPublisher status = podStatus;
    if (status != null) {
      status.recheck(podKey);
    }
  }

  private <T extends AutoCloseable> T own(T resource) {
    resources.push(resource);
    return resource;
  }

  @Override
  public void close() {
    leading = false;
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        LOG.warn("error while stopping: {}", e.toString());
      }
    }
  }
}

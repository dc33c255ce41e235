package io.ovneip.controller;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ovneip.controller.kube.ClusterView;
import io.ovneip.controller.kube.EventRecorder;
import io.ovneip.controller.kube.NodeLabeler;
import io.ovneip.controller.kube.PodStatusWriter;
import io.ovneip.controller.leader.LeaderGate;
import io.ovneip.controller.metrics.ChangeLatency;
import io.ovneip.controller.metrics.ControllerMetrics;
import io.ovneip.controller.metrics.ObservabilityServer;
import io.ovneip.controller.ovn.NorthboundDb;
import io.ovneip.controller.ovn.OvnConnections;
import io.ovneip.controller.ovn.SouthboundChassis;
import io.ovneip.controller.queue.Backoff;
import io.ovneip.controller.queue.WorkQueue;
import io.ovneip.controller.reconcile.Reconcilers;
import io.ovneip.ovsdb.client.OvsdbClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
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

  /** Key of a full reconcile with no Kubernetes change behind it. */
  public static final String RESYNC_KEY = "resync";

  private static final Duration INITIAL_SYNC = Duration.ofSeconds(60);
  private static final Backoff BACKOFF =
      new Backoff(Duration.ofMillis(200), Duration.ofSeconds(60));

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final ControllerMetrics metrics = new ControllerMetrics();
  private volatile boolean leading;
  private WorkQueue queue;

  private Controller() {}

  /** Starts a controller against {@code client} (the caller keeps ownership of the client). */
  public static Controller start(ControllerOptions options, KubernetesClient client) {
    Controller c = new Controller();
    try {
      c.startAll(options, client);
      return c;
    } catch (RuntimeException | IOException e) {
      c.close();
      if (e instanceof IOException io) {
        throw new UncheckedIOException(io);
      }
      throw (RuntimeException) e;
    }
  }

  private void startAll(ControllerOptions options, KubernetesClient client) throws IOException {
    Clock clock = Clock.systemUTC();
    OvsdbClient nbClient =
        own(OvsdbClient.connect(OvnConnections.options(options.ovn().nbAddress(), options.ovn())));
    OvsdbClient sbClient =
        own(OvsdbClient.connect(OvnConnections.options(options.ovn().sbAddress(), options.ovn())));
    NorthboundDb nb = own(new NorthboundDb(nbClient, nbClient.options().callTimeout()));
    nb.awaitInitial(INITIAL_SYNC);
    SouthboundChassis sb =
        own(new SouthboundChassis(sbClient, () -> enqueue(ClusterView.GATEWAY_KEY)));
    sb.awaitInitial(INITIAL_SYNC);

    EventRecorder events = new EventRecorder(client, "ovn-eip-controller", clock);
    var statusPool = Executors.newFixedThreadPool(8, daemonThreads("status-writer"));
    own(statusPool::shutdownNow);
    ChangeLatency latency = new ChangeLatency(metrics.changeToCommitSeconds);
    ClusterView view =
        own(
            new ClusterView(
                client, options.gateway().configNamespace(), this::enqueue, latency::changed));
    var reconciler =
        Reconcilers.create(
            options.gateway(),
            view,
            nb,
            sb,
            new PodStatusWriter(client, clock),
            events,
            new NodeLabeler(client),
            statusPool,
            metrics,
            latency);
    queue =
        own(
            new WorkQueue(
                "reconcile", keys -> leading ? reconciler.handle(keys) : Map.of(), BACKOFF, clock));
    nb.addOwnerListener(owners -> owners.forEach(o -> enqueue(Reconcilers.keyOf(o))));
    queue.start();

    ScheduledExecutorService timers =
        Executors.newSingleThreadScheduledExecutor(daemonThreads("resync"));
    own(timers::shutdownNow);
    long period = options.resyncPeriod().toMillis();
    timers.scheduleAtFixedRate(() -> enqueue(RESYNC_KEY), period, period, TimeUnit.MILLISECONDS);
    timers.scheduleAtFixedRate(() -> metrics.queueDepth.set(queue.depth()), 1, 1, TimeUnit.SECONDS);

    if (options.metricsAddress().isPresent()) {
      own(
          ObservabilityServer.start(
              options.metricsAddress().get(),
              metrics.registry(),
              () -> true,
              () -> nb.connected() && view.synced()));
    }
    startLeading(options, client);
  }

  private void startLeading(ControllerOptions options, KubernetesClient client) {
    ControllerOptions.Election e = options.election();
    if (!e.enabled()) {
      becomeLeader();
      return;
    }
    LeaderGate gate =
        own(
            new LeaderGate(
                client,
                e.namespace(),
                e.leaseName(),
                e.identity(),
                LeaderGate.Timing.defaults(),
                this::becomeLeader,
                this::stopLeading));
    gate.start();
  }

  private void becomeLeader() {
    leading = true;
    metrics.leader.set(1);
    enqueue(RESYNC_KEY);
  }

  private void stopLeading() {
    leading = false;
    metrics.leader.set(0);
  }

  public boolean isLeading() {
    return leading;
  }

  /** True when nothing is waiting or being reconciled (tests and the sandbox wait on it). */
  public boolean idle() {
    return queue != null && queue.idle();
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

  private <T extends AutoCloseable> T own(T resource) {
    resources.push(resource);
    return resource;
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
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

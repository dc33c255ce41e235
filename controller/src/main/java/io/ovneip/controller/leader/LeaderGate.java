package io.ovneip.controller.leader;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code onStartedLeading} while this replica holds the Lease and {@code onStoppedLeading}
 * when it loses it, and seeks the Lease again after every loss, forever, as Kubernetes' own
 * controllers do (fabric8's {@link LeaderElector} returns once it stops leading; each round here is
 * a new one).
 *
 * <p>{@link #isLeading} is true only while the last successful renewal is younger than the renew
 * deadline: a replica whose renewals stall stops writing on its own, before another replica can
 * take the Lease (the lease duration is longer than the renew deadline).
 *
 * <p>Lease requests go through a client of their own whose request timeout is shorter than the
 * renew deadline, so one hung request cannot outlive the deadline it is meant to meet.
 *
 * <p>The Lease is released on close, so a graceful shutdown hands over at once instead of after the
 * lease duration; the caller closes the gate after its workers.
 */
public final class LeaderGate implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderGate.class);

  /** Lease timing, as Kubernetes' own controllers use by default (15s / 10s / 2s). */
  public record Timing(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
    public Timing {
      if (renewDeadline.compareTo(leaseDuration) >= 0) {
        throw new IllegalArgumentException("the renew deadline must be shorter than the lease");
      }
      if (retryPeriod.compareTo(renewDeadline) >= 0) {
        throw new IllegalArgumentException("the retry period must be shorter than the deadline");
      }
    }

    public static Timing defaults() {
      return new Timing(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2));
    }

    /** Bound of one Lease request: two attempts fit in the renew deadline. */
    public Duration requestTimeout() {
      return renewDeadline.dividedBy(2);
    }
  }

  /** One leadership: who holds the Lease and its {@code leaseTransitions} when it was taken. */
  public record Term(String holder, int transitions) {}

  private final KubernetesClient leaseClient;
  private final String namespace;
  private final String leaseName;
  private final String identity;
  private final Timing timing;
  private final Runnable onStartedLeading;
  private final Runnable onStoppedLeading;
  private final RecordingLock lock;
  private final ScheduledExecutorService loop;
  private volatile boolean leading;
  private volatile boolean closed;
  private volatile boolean dead;
  private volatile CompletableFuture<?> round;
  private volatile ScheduledFuture<?> nextRound;

  public LeaderGate(
      KubernetesClient client,
      String namespace,
      String leaseName,
      String identity,
      Timing timing,
      Runnable onStartedLeading,
      Runnable onStoppedLeading) {
    int timeoutMs = (int) timing.requestTimeout().toMillis();
    this.leaseClient =
        client
            .newClient(new RequestConfigBuilder().withRequestTimeout(timeoutMs).build())
            .adapt(KubernetesClient.class);
    this.namespace = namespace;
    this.leaseName = leaseName;
    this.identity = identity;
    this.timing = timing;
    this.onStartedLeading = onStartedLeading;
    this.onStoppedLeading = onStoppedLeading;
    this.lock = new RecordingLock(namespace, leaseName, identity);
    this.loop =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "leader-election");
              t.setDaemon(true);
              return t;
            });
  }

  public void start() {
    schedule(Duration.ZERO);
  }

  private void schedule(Duration delay) {
    try {
      nextRound = loop.schedule(this::round, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      if (!closed) {
        dead = true;
        LOG.error("the leader election loop cannot go on: {}", e.toString());
      }
    }
  }

  /** One election round: seek the Lease, lead while renewals succeed, then start over. */
  private void round() {
    if (closed) {
      return;
    }
    try {
      CompletableFuture<?> r = elector().start();
      round = r;
      r.whenComplete(
          (v, e) -> {
            stopped();
            if (!closed) {
              LOG.info("{} is no longer leading; seeking the Lease again", identity);
              schedule(timing.retryPeriod());
            }
          });
    } catch (RuntimeException e) {
      LOG.warn("leader election round failed to start: {}", e.toString());
      schedule(timing.retryPeriod());
    }
  }

  private LeaderElector elector() {
    return leaseClient
        .leaderElector()
        .withConfig(
            new LeaderElectionConfigBuilder()
                .withName(leaseName)
                .withLock(lock)
                .withLeaseDuration(timing.leaseDuration())
                .withRenewDeadline(timing.renewDeadline())
                .withRetryPeriod(timing.retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(
                    new LeaderCallbacks(
                        this::started,
                        this::stopped,
                        newLeader -> LOG.info("leader is {}", newLeader)))
                .build())
        .build();
  }

  private void started() {
    leading = true;
    LOG.info("{} is the leader now (lease transitions {})", identity, lock.transitions());
    onStartedLeading.run();
  }

  private synchronized void stopped() {
    boolean was = leading;
    leading = false;
    if (was) {
      LOG.info("{} stopped leading", identity);
      onStoppedLeading.run();
    }
  }

  /**
   * True while this replica holds the Lease and renewed it within the renew deadline: checked right
   * before each NB transaction.
   */
  public boolean isLeading() {
    return leading && !closed && lock.renewedWithin(timing.renewDeadline());
  }

  /** The current leadership, if this replica leads. */
  public Optional<Term> term() {
    return isLeading() ? Optional.of(new Term(identity, lock.transitions())) : Optional.empty();
  }

  /**
   * Asks the API server whether {@code term} is still the Lease's current holding (one GET, bounded
   * by the Lease request timeout); false when it cannot tell.
   */
  public boolean holdsNow(Term term) {
    try {
      Lease lease = leaseClient.leases().inNamespace(namespace).withName(leaseName).get();
      return lease != null
          && lease.getSpec() != null
          && term.holder().equals(lease.getSpec().getHolderIdentity())
          && lease.getSpec().getLeaseTransitions() != null
          && lease.getSpec().getLeaseTransitions() == term.transitions();
    } catch (RuntimeException e) {
      LOG.warn("cannot read the Lease {}/{}: {}", namespace, leaseName, e.toString());
      return false;
    }
  }

  /** False once the election loop has died (it then never leads again: restart the process). */
  public boolean alive() {
    return !closed && !dead && !loop.isShutdown();
  }

  /** Stops seeking the Lease and releases it if held (a synchronous update of the Lease). */
  @Override
  public void close() {
    closed = true;
    ScheduledFuture<?> n = nextRound;
    if (n != null) {
      n.cancel(false);
    }
    CompletableFuture<?> r = round;
    if (r != null) {
      r.cancel(true); // releaseOnCancel: fabric8 releases the Lease in this call
    }
    stopped();
    loop.shutdownNow();
    // leaseClient shares the caller's HTTP client (newClient): closing it would close theirs.
  }
}

package io.ovneip.controller.leader;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code onStartedLeading} while this replica holds the Lease and {@code onStoppedLeading}
 * when it loses it. The Lease is released on close, so a graceful shutdown hands over at once
 * instead of after the lease duration.
 */
public final class LeaderGate implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderGate.class);

  /** Lease timing, as Kubernetes' own controllers use by default (15s / 10s / 2s). */
  public record Timing(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
    public static Timing defaults() {
      return new Timing(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2));
    }
  }

  private final LeaderElector elector;
  private volatile boolean leading;
  private CompletableFuture<?> running;

  public LeaderGate(
      KubernetesClient client,
      String namespace,
      String leaseName,
      String identity,
      Timing timing,
      Runnable onStartedLeading,
      Runnable onStoppedLeading) {
    this.elector =
        client
            .leaderElector()
            .withConfig(
                new LeaderElectionConfigBuilder()
                    .withName(leaseName)
                    .withLock(new LeaseLock(namespace, leaseName, identity))
                    .withLeaseDuration(timing.leaseDuration())
                    .withRenewDeadline(timing.renewDeadline())
                    .withRetryPeriod(timing.retryPeriod())
                    .withReleaseOnCancel(true)
                    .withLeaderCallbacks(
                        new LeaderCallbacks(
                            () -> {
                              leading = true;
                              LOG.info("{} is the leader now", identity);
                              onStartedLeading.run();
                            },
                            () -> {
                              boolean was = leading;
                              leading = false;
                              if (was) {
                                LOG.info("{} stopped leading", identity);
                                onStoppedLeading.run();
                              }
                            },
                            newLeader -> LOG.info("leader is {}", newLeader)))
                    .build())
            .build();
  }

  public void start() {
    running = elector.start();
  }

  public boolean isLeading() {
    return leading;
  }

  @Override
  public void close() {
    if (running != null) {
      running.cancel(true);
    }
  }
}

package io.ovneip.controller.leader;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.Lock;
import java.time.Duration;

/**
 * The Lease lock, remembering when this replica last wrote itself in as holder and the Lease's
 * {@code leaseTransitions} then: fabric8 tells neither. The time is taken before the request is
 * sent, so the validity it gives is never longer than the Lease's own.
 */
final class RecordingLock implements Lock {
  private final LeaseLock delegate;
  private final String identity;
  private volatile long renewedAtNanos;
  private volatile boolean renewed;
  private volatile int transitions;

  RecordingLock(String namespace, String name, String identity) {
    this.delegate = new LeaseLock(namespace, name, identity);
    this.identity = identity;
  }

  @Override
  public LeaderElectionRecord get(KubernetesClient client) {
    return delegate.get(client);
  }

  @Override
  public void create(KubernetesClient client, LeaderElectionRecord record) {
    long sent = System.nanoTime();
    delegate.create(client, record);
    written(sent, record);
  }

  @Override
  public void update(KubernetesClient client, LeaderElectionRecord record) {
    long sent = System.nanoTime();
    delegate.update(client, record);
    written(sent, record);
  }

  private void written(long sentNanos, LeaderElectionRecord record) {
    if (identity.equals(record.getHolderIdentity())) {
      transitions = record.getLeaderTransitions();
      renewedAtNanos = sentNanos;
      renewed = true;
    } else {
      renewed = false; // released
    }
  }

  boolean renewedWithin(Duration deadline) {
    return renewed && System.nanoTime() - renewedAtNanos < deadline.toNanos();
  }

  int transitions() {
    return transitions;
  }

  @Override
  public String identity() {
    return delegate.identity();
  }

  @Override
  public String describe() {
    return delegate.describe();
  }
}

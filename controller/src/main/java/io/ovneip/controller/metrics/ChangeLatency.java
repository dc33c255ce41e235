package io.ovneip.controller.metrics;

import io.prometheus.metrics.core.metrics.Histogram;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Measures from a pod's eip/snat annotation change, as the informer sees it, to the NB commit that
 * applies it, and on to the moment the chassis serving it reports the flows installed
 * (docs/behaviour.md §5.5). Only the first change since the last commit counts: that is the wait a
 * user sees.
 */
public final class ChangeLatency {
  private final Histogram toCommit;
  private final Histogram toRealized;
  private final Map<String, Long> changedAt = new ConcurrentHashMap<>();
  private final Map<String, Long> committedChangeAt = new ConcurrentHashMap<>();

  public ChangeLatency(Histogram toCommit, Histogram toRealized) {
    this.toCommit = toCommit;
    this.toRealized = toRealized;
  }

  public void changed(String podKey) {
    changedAt.putIfAbsent(podKey, System.nanoTime());
  }

  public void committed(Collection<String> podKeys) {
    long now = System.nanoTime();
    for (String key : podKeys) {
      Long start = changedAt.remove(key);
      if (start != null) {
        toCommit.observe((now - start) / 1e9);
        // A newer commit of the same pod supersedes the older one's wait for realization, but the
        // user has waited since the older change.
        committedChangeAt.putIfAbsent(key, start);
      }
    }
  }

  /** The chassis serving the pod has the flows of its latest commit. */
  public void realized(String podKey) {
    Long start = committedChangeAt.remove(podKey);
    if (start != null) {
      toRealized.observe((System.nanoTime() - start) / 1e9);
    }
  }

  /** Forgets a pod whose change needed no write (or that went away). */
  public void settled(String podKey) {
    changedAt.remove(podKey);
  }

  /** Forgets a pod that will not be realized (gone, or its rows removed). */
  public void forget(String podKey) {
    changedAt.remove(podKey);
    committedChangeAt.remove(podKey);
  }
}

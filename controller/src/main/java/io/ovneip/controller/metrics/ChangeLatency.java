package io.ovneip.controller.metrics;

import io.prometheus.metrics.core.metrics.Histogram;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Measures from a pod's eip/snat annotation change, as the informer sees it, to the NB commit that
 * applies it. Only the first change since the last commit counts: that is the wait a user sees.
 */
public final class ChangeLatency {
  private final Histogram histogram;
  private final Map<String, Long> changedAt = new ConcurrentHashMap<>();

  public ChangeLatency(Histogram histogram) {
    this.histogram = histogram;
  }

  public void changed(String podKey) {
    changedAt.putIfAbsent(podKey, System.nanoTime());
  }

  public void committed(Collection<String> podKeys) {
    long now = System.nanoTime();
    for (String key : podKeys) {
      Long start = changedAt.remove(key);
      if (start != null) {
        histogram.observe((now - start) / 1e9);
      }
    }
  }

  /** Forgets a pod whose change needed no write (or that went away). */
  public void settled(String podKey) {
    changedAt.remove(podKey);
  }
}

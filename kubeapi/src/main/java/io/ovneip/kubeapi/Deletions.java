package io.ovneip.kubeapi;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The resourceVersion of the latest deletion of each kind. The mock's watches replay only what is
 * stored, so a watch resumed from a resourceVersion would never hear of an object deleted since (an
 * informer keeps it forever, found by the sandbox's chaos run: a pod deleted while the watches were
 * dropped kept its NAT rows). The real API server answers such a watch from its watch cache, or
 * with 410 Gone when it cannot; here a watch that would miss a deletion is answered 410 Gone
 * ("Expired"), and the client lists again, which shows the deletion.
 */
final class Deletions {
  private final Map<String, Long> latest = new ConcurrentHashMap<>();

  void record(KubeResource resource, long resourceVersion) {
    latest.merge(key(resource), resourceVersion, Math::max);
  }

  /** True when an object of {@code resource} was deleted after {@code resourceVersion} (>= 0). */
  boolean since(KubeResource resource, long resourceVersion) {
    return resourceVersion >= 0 && latest.getOrDefault(key(resource), -1L) > resourceVersion;
  }

  private static String key(KubeResource r) {
    return r.group() + "/" + r.plural();
  }
}

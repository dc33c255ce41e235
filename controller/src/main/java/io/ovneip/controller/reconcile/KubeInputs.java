package io.ovneip.controller.reconcile;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.ovneip.model.input.NodeInfo;
import io.ovneip.model.input.PodFacts;
import io.ovneip.model.input.PodIntent;
import io.ovneip.model.input.PodIntentParser;
import io.ovneip.model.input.PodRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copies Kubernetes objects into the model's input records (architecture rule 2: parse at the
 * edge). Parsed pods are cached by resourceVersion: a resync over 10,000 unchanged pods must not
 * parse 10,000 annotations again.
 */
public final class KubeInputs {
  private record Cached(String resourceVersion, PodIntent intent) {}

  private final Map<PodRef, Cached> intents = new HashMap<>();

  /** The intents of {@code pods}; forgets cached pods that are gone. */
  public List<PodIntent> intents(Collection<Pod> pods) {
    List<PodIntent> out = new ArrayList<>(pods.size());
    for (Pod pod : pods) {
      PodRef ref = ref(pod);
      String rv = pod.getMetadata().getResourceVersion();
      Cached cached = intents.get(ref);
      if (cached == null || rv == null || !rv.equals(cached.resourceVersion())) {
        PodIntent parsed = PodIntentParser.parse(facts(pod));
        // An equal intent keeps its identity (a new resourceVersion from a status write changes
        // nothing the model reads), so the model can recognise it cheaply.
        cached =
            new Cached(
                rv, cached != null && cached.intent().equals(parsed) ? cached.intent() : parsed);
        intents.put(ref, cached);
      }
      out.add(cached.intent());
    }
    if (intents.size() > pods.size()) {
      // Every listed pod is cached now, so only gone pods make the cache larger.
      Set<PodRef> listed = new HashSet<>();
      pods.forEach(p -> listed.add(ref(p)));
      intents.keySet().retainAll(listed);
    }
    return out;
  }

  /** The intent {@link #intents} last gave for {@code pod}; null for a pod it has not seen. */
  public PodIntent intent(PodRef pod) {
    Cached cached = intents.get(pod);
    return cached == null ? null : cached.intent();
  }

  public static PodRef ref(Pod pod) {
    return new PodRef(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
  }

  static PodFacts facts(Pod pod) {
    String created = pod.getMetadata().getCreationTimestamp();
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    boolean hostNetwork =
        pod.getSpec() != null && Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
    return new PodFacts(
        ref(pod),
        pod.getMetadata().getUid(),
        // A pod the API has not stamped yet sorts last among claimants, never first.
        created == null ? Instant.MAX : Instant.parse(created),
        pod.getSpec() == null ? null : pod.getSpec().getNodeName(),
        hostNetwork,
        pod.getMetadata().getAnnotations(),
        "Succeeded".equals(phase) || "Failed".equals(phase));
  }

  public static List<NodeInfo> nodes(Collection<Node> nodes) {
    List<NodeInfo> out = new ArrayList<>(nodes.size());
    for (Node n : nodes) {
      Map<String, String> annotations = n.getMetadata().getAnnotations();
      out.add(NodeInfo.of(n.getMetadata().getName(), annotations == null ? Map.of() : annotations));
    }
    return out;
  }
}

package io.ovneip.controller.kube;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.ovneip.model.input.NodeInfo;
import io.ovneip.model.input.PodFacts;
import io.ovneip.model.input.PodIntent;
import io.ovneip.model.input.PodIntentParser;
import io.ovneip.model.input.PodRef;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Copies Kubernetes objects into the model's input records (architecture rule 2: parse at the
 * edge). Parsed pods are kept by resourceVersion and in winner order: a reconcile of one changed
 * pod among 10,000 re-reads that pod only, and the model gets the pods already sorted.
 */
public final class KubeInputs {
  private record Cached(String resourceVersion, PodIntent intent) {}

  private final Map<PodRef, Cached> byPod = new HashMap<>();
  private final NavigableSet<PodIntent> inWinnerOrder = new TreeSet<>(PodIntent.WINNER_ORDER);
  private final Collection<PodIntent> view = Collections.unmodifiableCollection(inWinnerOrder);
  private final Clock clock;

  public KubeInputs(Clock clock) {
    this.clock = clock;
  }

  public KubeInputs() {
    this(Clock.systemUTC());
  }

  /** The intents of exactly {@code pods} (everything read again); forgets pods that are gone. */
  public Collection<PodIntent> intents(Collection<Pod> pods) {
    Set<PodRef> listed = new HashSet<>();
    for (Pod pod : pods) {
      listed.add(update(pod));
    }
    if (byPod.size() > listed.size()) {
      List<PodRef> gone = byPod.keySet().stream().filter(p -> !listed.contains(p)).toList();
      gone.forEach(this::forget);
    }
    return view;
  }

  /**
   * The intents after only {@code changed} pods changed since the last call (each Kubernetes change
   * of a pod comes with its key); {@code current} gives a pod as it is now, empty when it is gone.
   */
  public Collection<PodIntent> intents(
      Collection<PodRef> changed, Function<PodRef, Optional<Pod>> current) {
    for (PodRef ref : changed) {
      current.apply(ref).ifPresentOrElse(this::update, () -> forget(ref));
    }
    return view;
  }

  private PodRef update(Pod pod) {
    PodRef ref = ref(pod);
    String rv = pod.getMetadata().getResourceVersion();
    Cached cached = byPod.get(ref);
    // A pod being deleted is parsed every time: its grace period runs out with no new version.
    if (cached == null
        || rv == null
        || !rv.equals(cached.resourceVersion())
        || graceDeadline(pod).isPresent()) {
      PodIntent parsed = PodIntentParser.parse(facts(pod, clock.instant()));
      // An equal intent keeps its identity (a new resourceVersion from a status write changes
      // nothing the model reads), so the model can recognise it cheaply.
      PodIntent intent =
          cached != null && cached.intent().equals(parsed) ? cached.intent() : parsed;
      if (cached != null) {
        inWinnerOrder.remove(cached.intent());
      }
      inWinnerOrder.add(intent);
      byPod.put(ref, new Cached(rv, intent));
    }
    return ref;
  }

  private void forget(PodRef ref) {
    Cached cached = byPod.remove(ref);
    if (cached != null) {
      inWinnerOrder.remove(cached.intent());
    }
  }

  /** The intent {@link #intents} last gave for {@code pod}; null for a pod it has not seen. */
  public PodIntent intent(PodRef pod) {
    Cached cached = byPod.get(pod);
    return cached == null ? null : cached.intent();
  }

  public static PodRef ref(Pod pod) {
    return new PodRef(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
  }

  /**
   * The instant a pod being deleted is gone even if a finalizer keeps the object: its
   * deletionTimestamp plus its deletion grace period (docs/behaviour.md §2.3), as Kube-OVN's {@code
   * isPodAlive} decides, after which it may hand the pod's IP to a new pod. Empty for a pod not
   * being deleted (or whose grace period the API did not state: Kube-OVN then keeps it alive too).
   */
  public static Optional<Instant> graceDeadline(Pod pod) {
    String deletion = pod.getMetadata().getDeletionTimestamp();
    Long grace = pod.getMetadata().getDeletionGracePeriodSeconds();
    if (deletion == null || grace == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(deletion).plusSeconds(Math.max(0, grace)));
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

  public static PodFacts facts(Pod pod, Instant now) {
    String created = pod.getMetadata().getCreationTimestamp();
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    boolean graceOver = graceDeadline(pod).map(d -> !now.isBefore(d)).orElse(false);
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
        "Succeeded".equals(phase) || "Failed".equals(phase) || graceOver);
  }

  public static List<NodeInfo> nodes(Collection<Node> nodes) {
    List<NodeInfo> out = new ArrayList<>(nodes.size());
    for (Node n : nodes) {
      Map<String, String> annotations = n.getMetadata().getAnnotations();
      // spec.unschedulable: kubectl cordon (docs/behaviour.md §3.1); absent means schedulable.
      boolean cordoned = n.getSpec() != null && Boolean.TRUE.equals(n.getSpec().getUnschedulable());
      out.add(
          NodeInfo.of(
              n.getMetadata().getName(), annotations == null ? Map.of() : annotations, cordoned));
    }
    return out;
  }
}

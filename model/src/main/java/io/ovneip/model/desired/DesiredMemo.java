package io.ovneip.model.desired;

import io.ovneip.model.input.GatewayConfig;
import io.ovneip.model.input.GatewaySettings;
import io.ovneip.model.input.PodIntent;
import io.ovneip.model.input.PodRef;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one {@link DesiredNb#build} remembers for the next: the inputs its pods' outcomes were
 * decided from (so the next build reuses the outcome of every pod whose input and claims did not
 * change), and how those outcomes differ from the memo it reused (so that {@link #changedSince} and
 * {@link #count} cost the change, not the cluster). Only the earlier outcomes are kept, never the
 * earlier memo, so no chain of memos stays reachable.
 */
public final class DesiredMemo {
  /** Nothing to reuse: the next build decides every pod anew. */
  public static final DesiredMemo NONE =
      new DesiredMemo(null, Optional.empty(), Map.of(), Map.of(), null, Set.of());

  private final GatewaySettings settings;
  private final Optional<GatewayConfig> config;
  private final Map<PodRef, PodIntent> intents;
  private final Map<PodRef, PodOutcome> pods;
  private final Map<PodRef, PodOutcome> before;
  private final Map<PodOutcome.Status, Integer> beforeCounts;
  private final Set<PodRef> rebuilt;
  private final Set<PodRef> removed;
  private final Map<PodOutcome.Status, Integer> counts;

  /**
   * @param config the enabled config the outcomes were decided under; empty when none may be reused
   *     (gateway disabled or invalid)
   * @param pods every pod's outcome (wrapped, not copied: 10,000 pods must not be copied again)
   * @param reused the memo whose outcomes the build reused, or null
   * @param rebuilt the pods whose outcome is not {@code reused}'s
   */
  private DesiredMemo(
      GatewaySettings settings,
      Optional<GatewayConfig> config,
      Map<PodRef, PodIntent> intents,
      Map<PodRef, PodOutcome> pods,
      DesiredMemo reused,
      Set<PodRef> rebuilt) {
    this.settings = settings;
    this.config = config;
    this.intents = intents;
    this.pods = Collections.unmodifiableMap(pods);
    this.before = reused == null ? null : reused.pods;
    this.beforeCounts = reused == null ? Map.of() : reused.counts;
    this.rebuilt = rebuilt;
    this.removed = before == null ? Set.of() : removedSince();
    this.counts = before == null ? countAll() : countChanges();
  }

  /** The memo of outcomes decided without a config to reuse them under (disabled, invalid). */
  static DesiredMemo unreusable(GatewaySettings settings, Map<PodRef, PodOutcome> pods) {
    return new DesiredMemo(settings, Optional.empty(), Map.of(), pods, null, Set.of());
  }

  /** The memo of outcomes decided under {@code config}, reusing this memo's where it could. */
  DesiredMemo next(
      GatewaySettings settings,
      GatewayConfig config,
      Map<PodRef, PodIntent> intents,
      PodEvaluator.Evaluation evaluation,
      boolean reusedThis) {
    return new DesiredMemo(
        settings,
        Optional.of(config),
        intents,
        evaluation.outcomes(),
        reusedThis ? this : null,
        evaluation.rebuilt());
  }

  /** The enabled config the outcomes were decided under; empty when disabled or invalid. */
  Optional<GatewayConfig> config() {
    return config;
  }

  /** The earlier outcomes a build may reuse: only those decided under the same config. */
  PodEvaluator.Earlier earlier(GatewaySettings settings, GatewayConfig config) {
    if (this == NONE
        || !settings.equals(this.settings)
        || !this.config.equals(Optional.of(config))) {
      return PodEvaluator.Earlier.NONE;
    }
    return new PodEvaluator.Earlier(intents, pods);
  }

  /** Every pod's outcome, by pod. */
  Map<PodRef, PodOutcome> pods() {
    return pods;
  }

  /**
   * Pods whose outcome here may differ from {@code earlier}'s, or that only one of the two has: the
   * pods a change of claims reached (an address handed over after a conflict) besides the pods that
   * changed themselves. Against the memo this one was built from it costs the change, not the
   * cluster (and may include pods whose outcome was rebuilt equal).
   */
  public Set<PodRef> changedSince(DesiredMemo earlier) {
    if (earlier == this) {
      return Set.of();
    }
    if (earlier.pods == before) {
      Set<PodRef> out = new HashSet<>(rebuilt);
      out.addAll(removed);
      return out;
    }
    Set<PodRef> out = new HashSet<>();
    pods.forEach(
        (ref, outcome) -> {
          if (!Objects.equals(outcome, earlier.pods.get(ref))) {
            out.add(ref);
          }
        });
    earlier.pods.keySet().stream().filter(ref -> !pods.containsKey(ref)).forEach(out::add);
    return out;
  }

  /** How many pods have {@code status}. */
  public int count(PodOutcome.Status status) {
    return counts.getOrDefault(status, 0);
  }

  private Set<PodRef> removedSince() {
    long added = rebuilt.stream().filter(p -> !before.containsKey(p)).count();
    if (before.size() + added == pods.size()) {
      return Set.of(); // every earlier pod is still here
    }
    Set<PodRef> out = new HashSet<>();
    before.keySet().stream().filter(p -> !pods.containsKey(p)).forEach(out::add);
    return out;
  }

  private Map<PodOutcome.Status, Integer> countAll() {
    Map<PodOutcome.Status, Integer> out = new EnumMap<>(PodOutcome.Status.class);
    pods.values().forEach(o -> out.merge(o.status(), 1, Integer::sum));
    return out;
  }

  private Map<PodOutcome.Status, Integer> countChanges() {
    Map<PodOutcome.Status, Integer> out = new EnumMap<>(PodOutcome.Status.class);
    out.putAll(beforeCounts);
    Set<PodRef> touched = new HashSet<>(rebuilt);
    touched.addAll(removed);
    for (PodRef p : touched) {
      PodOutcome was = before.get(p);
      if (was != null) {
        out.merge(was.status(), -1, Integer::sum);
      }
      PodOutcome is = pods.get(p);
      if (is != null) {
        out.merge(is.status(), 1, Integer::sum);
      }
    }
    return out;
  }
}

package io.ovneip.model.desired;

import io.ovneip.model.input.GatewayConfig;
import io.ovneip.model.input.GatewaySettings;
import io.ovneip.model.input.PodIntent;
import io.ovneip.model.input.PodRef;
import io.ovneip.model.nb.NbRow;
import io.ovneip.model.nb.NbState;
import io.ovneip.model.nb.OwnerKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The result of {@link DesiredNb#build}: what became of the gateway and of every pod, and the rows
 * they want. The rows are handed out whole ({@link #state()}) or for some owners only ({@link
 * #state(Collection)}), so that a reconcile of one pod among 10,000 never groups 20,000 rows.
 *
 * <p>Equality covers what was decided (outcomes, rows, gateway nodes), not the inputs it was
 * decided from.
 */
public final class DesiredResult {
  private final GatewaySettings settings;
  private final GatewayOutcome gateway;
  private final Optional<List<NbRow>> gatewayRows;
  private final Optional<List<String>> gatewayNodes;
  private final Map<PodRef, PodOutcome> pods;
  private final Inputs inputs;
  private final Delta delta;
  private final Set<PodRef> removed;
  private final Map<PodOutcome.Status, Integer> counts;

  /**
   * What the result was computed from, kept so that the next build can reuse the outcome of every
   * pod whose input and claims did not change ({@link DesiredNb#build(GatewaySettings,
   * GatewayConfig, io.ovneip.model.input.NodeInventory, Collection, DesiredResult)}).
   */
  record Inputs(Optional<GatewayConfig> config, Map<PodRef, PodIntent> intents) {
    static final Inputs NONE = new Inputs(Optional.empty(), Map.of());
  }

  /**
   * How this result differs from the one its build reused ({@code before}: that result's pods): the
   * pods whose outcome was rebuilt. Lets {@link #podsChangedSince} and {@link #count} cost the
   * change, not the cluster. Only the earlier pods map is kept, never the earlier result, so no
   * chain of results stays reachable.
   */
  record Delta(
      Map<PodRef, PodOutcome> before,
      Map<PodOutcome.Status, Integer> beforeCounts,
      Set<PodRef> rebuilt) {
    static final Delta NONE = new Delta(null, Map.of(), Set.of());

    static Delta from(DesiredResult before, Set<PodRef> rebuilt) {
      return before == null ? NONE : new Delta(before.pods, before.counts, rebuilt);
    }
  }

  /**
   * @param gatewayRows the gateway's desired rows; empty when the config is {@link
   *     GatewayOutcome.Invalid} (apply nothing: the last good state stays)
   * @param gatewayNodes nodes to label {@code ovn-eip.io/gateway=true}, every other node {@code
   *     false}; empty when the config is invalid (leave labels as they are)
   * @param pods the outcome of every pod given, by pod; a map the caller hands over (it is wrapped,
   *     not copied: a reconcile over 10,000 pods must not copy it again)
   */
  DesiredResult(
      GatewaySettings settings,
      GatewayOutcome gateway,
      Optional<List<NbRow>> gatewayRows,
      Optional<List<String>> gatewayNodes,
      Map<PodRef, PodOutcome> pods,
      Inputs inputs,
      Delta delta) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.gatewayRows = gatewayRows.map(List::copyOf);
    this.gatewayNodes = gatewayNodes.map(List::copyOf);
    this.pods = Collections.unmodifiableMap(pods);
    this.inputs = Objects.requireNonNull(inputs, "inputs");
    this.delta = Objects.requireNonNull(delta, "delta");
    this.removed = delta.before() == null ? Set.of() : removedSince(delta);
    this.counts = delta.before() == null ? countAll(this.pods) : countChanges(delta);
    if (gatewayRows.isEmpty() != (gateway instanceof GatewayOutcome.Invalid)) {
      throw new IllegalArgumentException("rows are absent exactly when the config is invalid");
    }
  }

  public GatewayOutcome gateway() {
    return gateway;
  }

  /** The desired rows of every owner; empty when the gateway config is invalid. */
  public Optional<NbState> state() {
    return gatewayRows.map(
        g -> {
          List<NbRow> rows = new ArrayList<>(g);
          pods.values().forEach(o -> rows.addAll(o.rows()));
          return NbState.of(settings, rows);
        });
  }

  /**
   * The desired rows of {@code owners} only (an owner with none is absent); empty when the gateway
   * config is invalid. Costs the rows of those owners, not of every pod.
   */
  public Optional<NbState> state(Collection<OwnerKey> owners) {
    return gatewayRows.map(
        g -> {
          List<NbRow> rows = new ArrayList<>();
          for (OwnerKey owner : owners) {
            if (owner.isGateway()) {
              rows.addAll(g);
            } else {
              owner.pod().map(pods::get).ifPresent(o -> rows.addAll(o.rows()));
            }
          }
          return NbState.of(settings, rows);
        });
  }

  public Optional<List<String>> gatewayNodes() {
    return gatewayNodes;
  }

  /** The outcome of every pod given, by pod. */
  public Map<PodRef, PodOutcome> pods() {
    return pods;
  }

  /** The outcome of one pod, if it was part of the input. */
  public Optional<PodOutcome> pod(PodRef pod) {
    return Optional.ofNullable(pods.get(pod));
  }

  /**
   * Pods whose outcome here may differ from {@code before}'s, or that only one of the two has: the
   * pods a change of claims reached (an address handed over after a conflict) besides the pods that
   * changed themselves. Against the result this one was built from it costs the change, not the
   * cluster (and may include pods whose outcome was rebuilt equal).
   */
  public Set<PodRef> podsChangedSince(DesiredResult before) {
    if (before == this) {
      return Set.of();
    }
    if (before.pods == delta.before()) {
      Set<PodRef> out = new HashSet<>(delta.rebuilt());
      out.addAll(removed);
      return out;
    }
    Set<PodRef> out = new HashSet<>();
    pods.forEach(
        (ref, outcome) -> {
          if (!Objects.equals(outcome, before.pods.get(ref))) {
            out.add(ref);
          }
        });
    before.pods.keySet().stream().filter(ref -> !pods.containsKey(ref)).forEach(out::add);
    return out;
  }

  /** How many pods have {@code status}. */
  public int count(PodOutcome.Status status) {
    return counts.getOrDefault(status, 0);
  }

  private Set<PodRef> removedSince(Delta d) {
    long added = d.rebuilt().stream().filter(p -> !d.before().containsKey(p)).count();
    if (d.before().size() + added == pods.size()) {
      return Set.of(); // every earlier pod is still here
    }
    Set<PodRef> out = new HashSet<>();
    d.before().keySet().stream().filter(p -> !pods.containsKey(p)).forEach(out::add);
    return out;
  }

  private static Map<PodOutcome.Status, Integer> countAll(Map<PodRef, PodOutcome> pods) {
    Map<PodOutcome.Status, Integer> out = new EnumMap<>(PodOutcome.Status.class);
    pods.values().forEach(o -> out.merge(o.status(), 1, Integer::sum));
    return out;
  }

  private Map<PodOutcome.Status, Integer> countChanges(Delta d) {
    Map<PodOutcome.Status, Integer> out = new EnumMap<>(PodOutcome.Status.class);
    out.putAll(d.beforeCounts());
    Set<PodRef> touched = new HashSet<>(d.rebuilt());
    touched.addAll(removed);
    for (PodRef p : touched) {
      PodOutcome was = d.before().get(p);
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

  /** Whether the gateway's outcome and rows equal {@code before}'s. */
  public boolean sameGateway(DesiredResult before) {
    return gateway.equals(before.gateway)
        && gatewayRows.equals(before.gatewayRows)
        && gatewayNodes.equals(before.gatewayNodes)
        && settings.equals(before.settings);
  }

  Inputs inputs() {
    return inputs;
  }

  /** The gateway config this result was built from (empty when built without one). */
  public Optional<GatewayConfig> config() {
    return inputs.config();
  }

  GatewaySettings settings() {
    return settings;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DesiredResult r
        && settings.equals(r.settings)
        && gateway.equals(r.gateway)
        && gatewayRows.equals(r.gatewayRows)
        && gatewayNodes.equals(r.gatewayNodes)
        && pods.equals(r.pods);
  }

  @Override
  public int hashCode() {
    return Objects.hash(settings, gateway, gatewayRows, gatewayNodes, pods);
  }

  @Override
  public String toString() {
    return "DesiredResult[gateway=" + gateway + ", pods=" + pods.size() + "]";
  }
}

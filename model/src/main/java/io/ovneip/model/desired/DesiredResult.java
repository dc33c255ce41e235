package io.ovneip.model.desired;

import io.ovneip.model.input.GatewayConfig;
import io.ovneip.model.input.GatewaySettings;
import io.ovneip.model.input.PodRef;
import io.ovneip.model.nb.NbRow;
import io.ovneip.model.nb.NbState;
import io.ovneip.model.nb.OwnerKey;
import java.util.ArrayList;
import java.util.Collection;
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
  private final DesiredMemo memo;

  /**
   * @param gatewayRows the gateway's desired rows; empty when the config is {@link
   *     GatewayOutcome.Invalid} (apply nothing: the last good state stays)
   * @param gatewayNodes nodes to label {@code ovn-eip.io/gateway=true}, every other node {@code
   *     false}; empty when the config is invalid (leave labels as they are)
   * @param memo the outcome of every pod given, with what the next build may reuse of it
   */
  DesiredResult(
      GatewaySettings settings,
      GatewayOutcome gateway,
      Optional<List<NbRow>> gatewayRows,
      Optional<List<String>> gatewayNodes,
      DesiredMemo memo) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.gatewayRows = gatewayRows.map(List::copyOf);
    this.gatewayNodes = gatewayNodes.map(List::copyOf);
    this.memo = Objects.requireNonNull(memo, "memo");
    this.pods = memo.pods();
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
   * Pods whose outcome here may differ from {@code before}'s, or that only one of the two has
   * ({@link DesiredMemo#changedSince}).
   */
  public Set<PodRef> podsChangedSince(DesiredResult before) {
    return memo.changedSince(before.memo);
  }

  /** How many pods have {@code status}. */
  public int count(PodOutcome.Status status) {
    return memo.count(status);
  }

  /** What the next {@link DesiredNb#build} may reuse of this one. */
  public DesiredMemo memo() {
    return memo;
  }

  /** Whether the gateway's outcome and rows equal {@code before}'s. */
  public boolean sameGateway(DesiredResult before) {
    return gateway.equals(before.gateway)
        && gatewayRows.equals(before.gatewayRows)
        && gatewayNodes.equals(before.gatewayNodes)
        && settings.equals(before.settings);
  }

  /** The enabled gateway config this result was built from (empty when disabled or invalid). */
  public Optional<GatewayConfig> config() {
    return memo.config();
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

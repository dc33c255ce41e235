package io.ovneip.model.desired;

import io.ovneip.model.input.EffectiveConfig;
import io.ovneip.model.input.FieldError;
import io.ovneip.model.input.GatewayConfig;
import io.ovneip.model.input.GatewaySettings;
import io.ovneip.model.input.NodeInventory;
import io.ovneip.model.input.NorthboundFacts;
import io.ovneip.model.input.PodIntent;
import io.ovneip.model.input.PodRef;
import io.ovneip.model.input.Validated;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Desired Northbound state from (flags, ConfigMap, nodes, pods): docs/behaviour.md §3 and §4. A
 * pure function: the same input gives the same result, whatever the order of nodes and pods.
 */
public final class DesiredNb {
  private DesiredNb() {}

  /**
   * With the ConfigMap as read and no last good config known (as for a fresh read): an invalid
   * config yields {@link GatewayOutcome.Invalid} and no rows.
   */
  public static DesiredResult build(
      GatewaySettings settings,
      Validated<GatewayConfig> config,
      NodeInventory nodes,
      Collection<PodIntent> pods,
      NorthboundFacts facts) {
    return build(
        settings,
        EffectiveConfig.of(config, Optional.empty()),
        nodes,
        pods,
        facts,
        DesiredMemo.NONE);
  }

  /**
   * Under the config {@link EffectiveConfig} decided: when it is held (invalid, no last good) the
   * result is {@link GatewayOutcome.Invalid} with no rows, and the controller must change nothing
   * in OVN (docs/behaviour.md §2.1).
   */
  public static DesiredResult build(
      GatewaySettings settings,
      EffectiveConfig config,
      NodeInventory nodes,
      Collection<PodIntent> pods,
      NorthboundFacts facts,
      DesiredMemo previous) {
    if (config.held()) {
      return held(settings, config.errors(), pods);
    }
    return build(settings, config.config().orElseThrow(), nodes, pods, facts, previous);
  }

  /**
   * With a valid (or last good) config. {@code facts} are what NB says about pods' ports and rows
   * not ours (docs/behaviour.md §2.3, §4.5).
   */
  public static DesiredResult build(
      GatewaySettings settings,
      GatewayConfig config,
      NodeInventory nodes,
      Collection<PodIntent> pods,
      NorthboundFacts facts) {
    return build(settings, config, nodes, pods, facts, DesiredMemo.NONE);
  }

  /**
   * As {@link #build(GatewaySettings, GatewayConfig, NodeInventory, Collection, NorthboundFacts,
   * DesiredMemo)} with the memo of {@code previous} (null: none).
   */
  public static DesiredResult build(
      GatewaySettings settings,
      GatewayConfig config,
      NodeInventory nodes,
      Collection<PodIntent> pods,
      NorthboundFacts facts,
      DesiredResult previous) {
    return build(
        settings,
        config,
        nodes,
        pods,
        facts,
        previous == null ? DesiredMemo.NONE : previous.memo());
  }

  /**
   * The same result as {@link #build(GatewaySettings, GatewayConfig, NodeInventory, Collection,
   * NorthboundFacts)}, computed faster when {@code previous} (the memo of an earlier result) was
   * built from mostly the same input: the outcome of a pod whose intent and claims are unchanged is
   * taken over instead of rebuilding its rows. The result carries its own memo for the next build.
   */
  public static DesiredResult build(
      GatewaySettings settings,
      GatewayConfig config,
      NodeInventory nodes,
      Collection<PodIntent> pods,
      NorthboundFacts facts,
      DesiredMemo previous) {
    if (!config.enabled()) {
      return disabled(settings, pods);
    }
    GatewayRows.Result gateway = GatewayRows.build(settings, config, nodes);
    Map<PodRef, PodIntent> intents = new HashMap<>(pods.size() * 2);
    pods.forEach(p -> intents.put(p.pod(), p));
    PodEvaluator.Earlier earlier = previous.earlier(settings, config);
    PodEvaluator.Evaluation evaluation =
        PodEvaluator.evaluate(config, settings.reroutePriority(), pods, facts, earlier);
    return new DesiredResult(
        settings,
        gateway.outcome(),
        Optional.of(gateway.rows()),
        Optional.of(gateway.gatewayNodes()),
        previous.next(settings, config, intents, evaluation, earlier != PodEvaluator.Earlier.NONE));
  }

  /** docs/behaviour.md §2.1: invalid and no last good config: no rows; pods are told why. */
  private static DesiredResult held(
      GatewaySettings settings, List<FieldError> errors, Collection<PodIntent> pods) {
    return new DesiredResult(
        settings,
        new GatewayOutcome.Invalid(errors),
        Optional.empty(),
        Optional.empty(),
        gated(
            settings,
            pods,
            PodOutcome.Status.GATEWAY_INVALID,
            "the gateway config is invalid: nothing changes until it is fixed"));
  }

  /** docs/behaviour.md §4.3: no rows at all, no gateway nodes; pods asking for NAT are told why. */
  private static DesiredResult disabled(GatewaySettings settings, Collection<PodIntent> pods) {
    return new DesiredResult(
        settings,
        new GatewayOutcome.Disabled(),
        Optional.of(List.of()),
        Optional.of(List.of()),
        gated(
            settings,
            pods,
            PodOutcome.Status.GATEWAY_DISABLED,
            "the external gateway is disabled (ConfigMap ovn-external-gw-config)"));
  }

  /** Every pod's outcome when the gateway decides it: {@code status} for those asking for NAT. */
  private static DesiredMemo gated(
      GatewaySettings settings,
      Collection<PodIntent> pods,
      PodOutcome.Status status,
      String reason) {
    Map<PodRef, PodOutcome> outcomes = new HashMap<>();
    for (PodIntent p : pods) {
      outcomes.put(
          p.pod(),
          PodEvaluator.notEvaluated(p)
              .filter(o -> o.status() != PodOutcome.Status.NOT_READY)
              .orElseGet(() -> PodOutcome.without(p.pod(), status, reason)));
    }
    return DesiredMemo.unreusable(settings, outcomes);
  }
}

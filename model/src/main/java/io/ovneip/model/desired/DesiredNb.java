package io.ovneip.model.desired;

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
   * With the parsed ConfigMap. An invalid config yields {@link GatewayOutcome.Invalid} and no rows:
   * the controller must change nothing in OVN (docs/behaviour.md §2.1), or call {@link
   * #build(GatewaySettings, GatewayConfig, NodeInventory, Collection, NorthboundFacts)} again with
   * its last good config to keep reconciling pods under it.
   */
  public static DesiredResult build(
      GatewaySettings settings,
      Validated<GatewayConfig> config,
      NodeInventory nodes,
      Collection<PodIntent> pods,
      NorthboundFacts facts) {
    if (config.isValid()) {
      return build(settings, config.orElseThrow(), nodes, pods, facts);
    }
    Map<PodRef, PodOutcome> outcomes = new HashMap<>();
    for (PodIntent p : pods) {
      outcomes.put(
          p.pod(),
          gated(
              p,
              PodOutcome.Status.GATEWAY_INVALID,
              "the gateway config is invalid: nothing changes until it is fixed"));
    }
    return new DesiredResult(
        settings,
        new GatewayOutcome.Invalid(config.errors()),
        Optional.empty(),
        Optional.empty(),
        outcomes,
        DesiredResult.Inputs.NONE,
        DesiredResult.Delta.NONE);
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
    return build(settings, config, nodes, pods, facts, null);
  }

  /**
   * The same result as {@link #build(GatewaySettings, GatewayConfig, NodeInventory, Collection,
   * NorthboundFacts)}, computed faster when {@code previous} (a result of this method, or null) was
   * built from mostly the same input: the outcome of a pod whose intent and claims are unchanged is
   * taken over instead of rebuilding its rows.
   */
  public static DesiredResult build(
      GatewaySettings settings,
      GatewayConfig config,
      NodeInventory nodes,
      Collection<PodIntent> pods,
      NorthboundFacts facts,
      DesiredResult previous) {
    if (!config.enabled()) {
      return disabled(settings, pods);
    }
    GatewayRows.Result gateway = GatewayRows.build(settings, config, nodes);
    Map<PodRef, PodIntent> intents = new HashMap<>(pods.size() * 2);
    pods.forEach(p -> intents.put(p.pod(), p));
    PodEvaluator.Earlier earlier = reusable(settings, config, previous);
    PodEvaluator.Evaluation evaluation =
        PodEvaluator.evaluate(config, settings.reroutePriority(), pods, facts, earlier);
    return new DesiredResult(
        settings,
        gateway.outcome(),
        Optional.of(gateway.rows()),
        Optional.of(gateway.gatewayNodes()),
        evaluation.outcomes(),
        new DesiredResult.Inputs(Optional.of(config), intents),
        DesiredResult.Delta.from(
            earlier == PodEvaluator.Earlier.NONE ? null : previous, evaluation.rebuilt()));
  }

  /** The earlier outcomes that may be reused: only those decided under the same config. */
  private static PodEvaluator.Earlier reusable(
      GatewaySettings settings, GatewayConfig config, DesiredResult previous) {
    if (previous == null
        || !previous.settings().equals(settings)
        || !previous.inputs().config().equals(Optional.of(config))) {
      return PodEvaluator.Earlier.NONE;
    }
    return new PodEvaluator.Earlier(previous.inputs().intents(), previous.pods());
  }

  /** Spec 4.3: no rows at all, no gateway nodes; pods asking for NAT are told why. */
  private static DesiredResult disabled(GatewaySettings settings, Collection<PodIntent> pods) {
    Map<PodRef, PodOutcome> outcomes = new HashMap<>();
    for (PodIntent p : pods) {
      outcomes.put(
          p.pod(),
          gated(
              p,
              PodOutcome.Status.GATEWAY_DISABLED,
              "the external gateway is disabled (ConfigMap ovn-external-gw-config)"));
    }
    return new DesiredResult(
        settings,
        new GatewayOutcome.Disabled(),
        Optional.of(List.of()),
        Optional.of(List.of()),
        outcomes,
        DesiredResult.Inputs.NONE,
        DesiredResult.Delta.NONE);
  }

  private static PodOutcome gated(PodIntent p, PodOutcome.Status status, String reason) {
    return PodEvaluator.notEvaluated(p)
        .filter(o -> o.status() != PodOutcome.Status.NOT_READY)
        .orElseGet(() -> PodOutcome.without(p.pod(), status, reason));
  }
}

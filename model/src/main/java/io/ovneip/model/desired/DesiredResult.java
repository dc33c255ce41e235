package io.ovneip.model.desired;

import io.ovneip.model.input.PodRef;
import io.ovneip.model.nb.NbState;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The result of {@link DesiredNb#build}.
 *
 * @param state the desired rows of every owner; empty when the gateway config is {@link
 *     GatewayOutcome.Invalid} (apply nothing: the last good state stays)
 * @param gatewayNodes nodes to label {@code ovn.kubernetes.io/external-gw=true}, every other node
 *     {@code false}; empty when the config is invalid (leave labels as they are)
 * @param pods the outcome of every pod given, by pod
 */
public record DesiredResult(
    GatewayOutcome gateway,
    Optional<NbState> state,
    Optional<List<String>> gatewayNodes,
    Map<PodRef, PodOutcome> pods) {

  public DesiredResult {
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(state, "state");
    gatewayNodes = gatewayNodes.map(List::copyOf);
    pods = Collections.unmodifiableMap(new TreeMap<>(pods));
    if (state.isEmpty() != (gateway instanceof GatewayOutcome.Invalid)) {
      throw new IllegalArgumentException("state is absent exactly when the config is invalid");
    }
  }

  /** The outcome of one pod, if it was part of the input. */
  public Optional<PodOutcome> pod(PodRef pod) {
    return Optional.ofNullable(pods.get(pod));
  }
}

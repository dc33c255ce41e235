package io.ovneip.model.desired;

import io.ovneip.model.input.FieldError;
import io.ovneip.model.input.GatewayType;
import java.util.List;
import java.util.Objects;

/** What became of the gateway configuration (docs/behaviour.md §2.1, §4.2, §4.3). */
public sealed interface GatewayOutcome {

  /**
   * The gateway rows are desired.
   *
   * @param chassisByPriority the chassis of the Gateway_Chassis rows, highest priority first
   * @param nodesWithoutChassis nodes that should be gateways but have no chassis (reported,
   *     docs/behaviour.md §4.2: the rest still applies)
   * @param unknownNodes listed in {@code external-gw-nodes} but not a node of the cluster
   * @param duplicateChassis nodes whose chassis an earlier node already announced (skipped: one
   *     Gateway_Chassis per chassis)
   */
  record Applied(
      GatewayType type,
      List<String> chassisByPriority,
      List<String> nodesWithoutChassis,
      List<String> unknownNodes,
      List<String> duplicateChassis)
      implements GatewayOutcome {
    public Applied {
      Objects.requireNonNull(type, "type");
      chassisByPriority = List.copyOf(chassisByPriority);
      nodesWithoutChassis = List.copyOf(nodesWithoutChassis);
      unknownNodes = List.copyOf(unknownNodes);
      duplicateChassis = List.copyOf(duplicateChassis);
    }
  }

  /** ConfigMap missing or disabled: every owned row goes (docs/behaviour.md §4.3). */
  record Disabled() implements GatewayOutcome {}

  /**
   * The ConfigMap is invalid: nothing may change in OVN (docs/behaviour.md §2.1, "the last good
   * state stays"). The controller reports the errors and keeps, or recomputes with, its last good
   * config.
   */
  record Invalid(List<FieldError> errors) implements GatewayOutcome {
    public Invalid {
      errors = List.copyOf(errors);
    }
  }
}

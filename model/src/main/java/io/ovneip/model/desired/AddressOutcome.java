package io.ovneip.model.desired;

import io.ovneip.model.input.PodRef;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one requested address of a pod (docs/behaviour.md §4.5: a rejected address gets an
 * Event and nothing is written for it; the pod's other addresses are unaffected).
 *
 * @param address the canonical address, or the raw annotation text when it did not parse
 * @param winner for {@link Status#CONFLICT}: the pod that keeps the address; empty when a row this
 *     system does not own keeps it (the reason names that row)
 */
public record AddressOutcome(
    NatRequest request, String address, Status status, String reason, Optional<PodRef> winner) {

  public enum Status {
    APPLIED,
    CONFLICT,
    INVALID
  }

  public AddressOutcome {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(winner, "winner");
  }

  static AddressOutcome applied(NatRequest request, String address) {
    return new AddressOutcome(request, address, Status.APPLIED, "", Optional.empty());
  }

  static AddressOutcome invalid(NatRequest request, String address, String reason) {
    return new AddressOutcome(request, address, Status.INVALID, reason, Optional.empty());
  }

  static AddressOutcome conflict(NatRequest request, String address, String reason, PodRef winner) {
    return new AddressOutcome(request, address, Status.CONFLICT, reason, Optional.of(winner));
  }

  /**
   * Lost to a row this system does not own (docs/behaviour.md §4.5: it always wins until it goes).
   */
  static AddressOutcome foreignConflict(NatRequest request, String address, String reason) {
    return new AddressOutcome(request, address, Status.CONFLICT, reason, Optional.empty());
  }

  /** The Event reason: {@code EIPApplied}, {@code SNATConflict}, {@code InvalidAnnotation}... */
  public String eventReason() {
    return switch (status) {
      case APPLIED -> request.appliedReason();
      case CONFLICT -> request.conflictReason();
      case INVALID -> "InvalidAnnotation";
    };
  }
}

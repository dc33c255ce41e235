package io.ovneip.model.desired;

import io.ovneip.model.input.Annotations;
import io.ovneip.model.nb.NatType;

/**
 * The two things a pod can ask for (docs/behaviour.md §2.3), with their annotation and NAT type.
 */
public enum NatRequest {
  EIP(Annotations.EIP, NatType.DNAT_AND_SNAT),
  SNAT(Annotations.SNAT, NatType.SNAT);

  private final String annotation;
  private final NatType natType;

  NatRequest(String annotation, NatType natType) {
    this.annotation = annotation;
    this.natType = natType;
  }

  public String annotation() {
    return annotation;
  }

  public NatType natType() {
    return natType;
  }

  /** Event reason when applied: {@code EIPApplied}, {@code SNATApplied} (docs/behaviour.md §5). */
  public String appliedReason() {
    return name() + "Applied";
  }

  /** Event reason on conflict: {@code EIPConflict}, {@code SNATConflict}. */
  public String conflictReason() {
    return name() + "Conflict";
  }
}

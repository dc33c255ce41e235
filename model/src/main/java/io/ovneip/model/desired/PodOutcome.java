package io.ovneip.model.desired;

import io.ovneip.model.input.PodRef;
import io.ovneip.model.nb.NbRow;
import java.util.List;
import java.util.Objects;

/**
 * What became of a pod: its overall status, one outcome per requested address, and its desired
 * rows. The controller sets {@code routed: "true"} once {@link #rows()} are committed, and only if
 * there are any (docs/behaviour.md §5).
 */
public record PodOutcome(
    PodRef pod, Status status, String reason, List<AddressOutcome> addresses, List<NbRow> rows) {

  public enum Status {
    /** Every requested address is in effect. */
    APPLIED,
    /** Some address lost to an earlier claimant; the others (in {@code rows}) apply. */
    CONFLICT,
    /** Some annotation or address is invalid; the others (in {@code rows}) apply. */
    INVALID,
    /** No {@code eip}/{@code snat}: this system gives the pod nothing. */
    NO_REQUEST,
    /** Not yet scheduled, allocated or addressed. */
    NOT_READY,
    /**
     * NB has no Logical_Switch_Port for the pod (yet): its IP is not trusted (docs/behaviour.md
     * §2.3).
     */
    PORT_NOT_FOUND,
    /**
     * The pod's port does not hold its annotated IP (or MAC): not trusted (docs/behaviour.md §2.3).
     */
    PORT_MISMATCH,
    /**
     * The pod is on a switch of another VPC or an underlay subnet: ignored (docs/behaviour.md
     * §2.3).
     */
    OTHER_NETWORK,
    /** Host-network pod: eip/snat do not apply (an Event says why). */
    IGNORED,
    /** The pod has terminated. */
    GONE,
    /** The gateway is disabled: no pod rows (docs/behaviour.md §4.3). */
    GATEWAY_DISABLED,
    /** The gateway config is invalid: nothing changes, routed stays as it is. */
    GATEWAY_INVALID,
    /**
     * Northbound refused the pod's rows: quarantined and retried with backoff (docs/behaviour.md
     * §9.2). Never decided by the model; the controller's apply step reports it.
     */
    REFUSED
  }

  /** A pod whose rows Northbound refused, {@code why} being the server's word. */
  public static PodOutcome refused(PodRef pod, String why) {
    return without(pod, Status.REFUSED, why);
  }

  public PodOutcome {
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    addresses = List.copyOf(addresses);
    rows = List.copyOf(rows);
  }

  static PodOutcome without(PodRef pod, Status status, String reason) {
    return new PodOutcome(pod, status, reason, List.of(), List.of());
  }

  /** Whether the pod has rows to commit, after which it is {@code routed}. */
  public boolean routable() {
    return !rows.isEmpty();
  }
}

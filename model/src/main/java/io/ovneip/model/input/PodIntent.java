package io.ovneip.model.input;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a pod asks of this system, parsed from its annotations (docs/behaviour.md §2.3).
 *
 * @param created creation time: the first tie-breaker between claimants of an address
 *     (docs/behaviour.md §4.5)
 * @param state whether the pod can be handled at all
 * @param reason why the pod is not {@link State#READY} (empty when ready)
 * @param ips the pod's IPs, at most one per family, IPv4 first
 * @param mac the pod's MAC, needed for distributed EIPs; empty when missing or malformed
 * @param eips requested EIP addresses (one, or an IPv4 and an IPv6)
 * @param snats requested SNAT addresses (one, or an IPv4 and an IPv6)
 * @param errors unparsable {@code eip}/{@code snat} annotations, each naming its annotation
 */
public record PodIntent(
    PodRef pod,
    String uid,
    Instant created,
    State state,
    String reason,
    List<IpAddress> ips,
    Optional<MacAddress> mac,
    List<IpAddress> eips,
    List<IpAddress> snats,
    List<FieldError> errors) {

  /** Whether a pod is handled: docs/behaviour.md §2.3. */
  public enum State {
    /** Scheduled, allocated, with an IP: its requests are evaluated. */
    READY,
    /** Not yet scheduled, allocated or addressed by the CNI; evaluated again when it is. */
    NOT_READY,
    /** Host-network pods have no OVN address: eip/snat on them are ignored, with a reason. */
    HOST_NETWORK,
    /**
     * The CNI's values for the pod (IP, MAC) are not usable addresses: the pod is refused, nothing
     * is written for it, the reason says which value and why.
     */
    REFUSED,
    /** Finished or gone: its rows go. */
    TERMINATED
  }

  /**
   * The order in which claimants win an address (docs/behaviour.md §4.5): earliest creation first,
   * then namespace/name. Unique per pod.
   */
  public static final Comparator<PodIntent> WINNER_ORDER =
      (a, b) -> {
        int c = a.created().compareTo(b.created());
        return c != 0 ? c : a.pod().compareTo(b.pod());
      };

  public PodIntent {
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(uid, "uid");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(reason, "reason");
    ips = List.copyOf(ips);
    Objects.requireNonNull(mac, "mac");
    eips = List.copyOf(eips);
    snats = List.copyOf(snats);
    errors = List.copyOf(errors);
  }

  /** The pod's IP of a family, if it has one. */
  public Optional<IpAddress> ip(IpFamily family) {
    for (IpAddress a : ips) {
      if (a.family() == family) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** The pod asks for something: an address, or an annotation we could not parse. */
  public boolean requestsNat() {
    return !eips.isEmpty() || !snats.isEmpty() || !errors.isEmpty();
  }
}

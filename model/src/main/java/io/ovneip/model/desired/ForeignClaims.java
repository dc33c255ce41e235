package io.ovneip.model.desired;

import io.ovneip.model.input.IpAddress;
import io.ovneip.model.input.NorthboundFacts;
import io.ovneip.model.input.NorthboundFacts.ForeignNat;
import io.ovneip.model.input.NorthboundFacts.ForeignPolicy;
import io.ovneip.model.nb.NatType;
import io.ovneip.model.nb.NbRouterPolicy;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Rows this system does not own are claimants that always win until they go (docs/behaviour.md
 * §4.5): a NAT row with the external IP a pod asks for (for a SNAT, only a {@code dnat_and_snat}:
 * SNAT addresses are shared), or a reroute policy for the pod's IP. Nothing is written for that
 * address; when the row goes, the next evaluation hands the address over.
 */
final class ForeignClaims {
  private ForeignClaims() {}

  /** Why a row not ours keeps {@code address} from the pod; empty when none does. */
  static Optional<String> blocker(
      NorthboundFacts facts,
      long reroutePriority,
      NatRequest request,
      IpAddress address,
      IpAddress podIp) {
    // Kube-OVN's own EIP/SNAT reroute priority and ours: a policy not ours at either for the pod's
    // IP would compete with ours.
    Set<Long> reroutePriorities =
        Set.copyOf(List.of(NbRouterPolicy.KUBE_OVN_NORTH_GATEWAY_PRIORITY, reroutePriority));
    for (ForeignNat nat : facts.foreignNats(address)) {
      if (request == NatRequest.EIP || nat.type().equals(NatType.DNAT_AND_SNAT.wire())) {
        return Optional.of(address.text() + " is used by " + nat.describe());
      }
    }
    String match = podIp.family().ovnProto() + ".src == " + podIp.text();
    List<ForeignPolicy> policies = facts.foreignPolicies(match);
    for (ForeignPolicy p : policies) {
      if (reroutePriorities.contains(p.priority())) {
        return Optional.of("the pod's IP " + podIp.text() + " is rerouted by " + p.describe());
      }
    }
    return Optional.empty();
  }
}

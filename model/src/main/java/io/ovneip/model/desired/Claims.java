package io.ovneip.model.desired;

import io.ovneip.model.input.IpAddress;
import io.ovneip.model.input.PodRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who holds which address, filled in winner order (earliest pod first) during one build: an EIP is
 * exclusive, a SNAT address is shared by its SNAT users, and neither kind may take an address the
 * other kind holds (docs/behaviour.md §4.5). Pod IPs are claimed too: two pods reporting one IP (a
 * stale CNI annotation) would otherwise produce two NAT rows and two policies for one logical IP.
 */
final class Claims {
  private final Map<IpAddress, PodRef> eipOwners = new HashMap<>();
  private final Map<IpAddress, List<PodRef>> snatUsers = new HashMap<>();
  private final Map<IpAddress, PodRef> podIps = new HashMap<>();

  /** A holder that keeps {@code address} from {@code pod}'s request; empty when it may claim. */
  Optional<PodRef> blocker(NatRequest request, IpAddress address, PodRef pod) {
    PodRef eipOwner = eipOwners.get(address);
    if (eipOwner != null) {
      return Optional.of(eipOwner);
    }
    List<PodRef> users = snatUsers.getOrDefault(address, List.of());
    if (request == NatRequest.EIP && !users.isEmpty()) {
      return Optional.of(users.get(0));
    }
    return Optional.empty();
  }

  /** The pod that already holds {@code podIp}, if not {@code pod}. */
  Optional<PodRef> podIpHolder(IpAddress podIp, PodRef pod) {
    PodRef holder = podIps.get(podIp);
    return holder == null || holder.equals(pod) ? Optional.empty() : Optional.of(holder);
  }

  void claim(NatRequest request, IpAddress address, IpAddress podIp, PodRef pod) {
    podIps.putIfAbsent(podIp, pod);
    if (request == NatRequest.EIP) {
      eipOwners.put(address, pod);
    } else {
      List<PodRef> users = snatUsers.computeIfAbsent(address, a -> new ArrayList<>());
      // A pod claims only during its own turn, so a repeat can only be the last user.
      if (users.isEmpty() || !users.get(users.size() - 1).equals(pod)) {
        users.add(pod);
      }
    }
  }
}

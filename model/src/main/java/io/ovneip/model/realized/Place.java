package io.ovneip.model.realized;

import io.ovneip.model.input.PodRef;
import io.ovneip.model.nb.NbNat;
import io.ovneip.model.nb.NbRow;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a pod's rows take effect (docs/behaviour.md §5.5): on the active gateway chassis (the
 * chassis its router port's {@code cr-} port is bound to) for centralized NAT, on the chassis of
 * the pod's own port for a distributed EIP (NAT with {@code logical_port}) and for the reroute
 * policy.
 */
public sealed interface Place {
  /** The chassis that holds the router port's {@code cr-<port>} binding. */
  record Gateway() implements Place {}

  /** The chassis the pod's Logical_Switch_Port is bound to. */
  record PodPort(String logicalPort) implements Place {}

  Place GATEWAY = new Gateway();

  /**
   * The places that serve {@code rows} of {@code pod}: a centralized NAT row is handled on the
   * active gateway, a NAT row with a {@code logical_port} (distributed EIP) on that port's chassis,
   * and a reroute policy wherever the pod's traffic enters the router, which is the chassis of the
   * pod's own port (the router pipeline runs where the packet enters it).
   */
  static Set<Place> of(List<NbRow> rows, PodRef pod) {
    Set<Place> out = new LinkedHashSet<>();
    for (NbRow row : rows) {
      if (row instanceof NbNat nat) {
        out.add(nat.logicalPort().<Place>map(PodPort::new).orElse(GATEWAY));
      } else {
        out.add(new PodPort(pod.logicalPortName()));
      }
    }
    return Set.copyOf(out);
  }
}

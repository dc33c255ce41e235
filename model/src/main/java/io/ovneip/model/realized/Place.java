package io.ovneip.model.realized;

import io.ovneip.model.nb.NbNat;
import io.ovneip.model.nb.NbRow;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a pod's rows take effect (docs/behaviour.md §5.5): on the active gateway chassis (the
 * chassis its router port's {@code cr-} port is bound to), or, for a distributed EIP (NAT with
 * {@code logical_port}), on the chassis of the pod's own port.
 */
public sealed interface Place {
  /** The chassis that holds the router port's {@code cr-<port>} binding. */
  record Gateway() implements Place {}

  /** The chassis the pod's Logical_Switch_Port is bound to. */
  record PodPort(String logicalPort) implements Place {}

  Place GATEWAY = new Gateway();

  /**
   * The places that serve {@code rows}: a NAT row with a {@code logical_port} is handled on that
   * port's chassis; everything else (centralized NAT, reroute policies) on the gateway.
   */
  static Set<Place> of(List<NbRow> rows) {
    Set<Place> out = new LinkedHashSet<>();
    for (NbRow row : rows) {
      if (row instanceof NbNat nat && nat.logicalPort().isPresent()) {
        out.add(new PodPort(nat.logicalPort().get()));
      } else {
        out.add(GATEWAY);
      }
    }
    return Set.copyOf(out);
  }
}

package io.ovneip.model.desired;

import io.ovneip.model.input.GatewayConfig;
import io.ovneip.model.input.GatewayType;
import io.ovneip.model.input.IpAddress;
import io.ovneip.model.input.IpFamily;
import io.ovneip.model.input.PodIntent;
import io.ovneip.model.nb.NbNat;
import io.ovneip.model.nb.NbRouterPolicy;
import io.ovneip.model.nb.NbRow;
import io.ovneip.model.nb.OwnerKey;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The NAT rows and reroute policies of one pod's accepted addresses (docs/behaviour.md §3). */
final class PodRows {
  private PodRows() {}

  static List<NbRow> rows(
      GatewayConfig config,
      long reroutePriority,
      PodIntent pod,
      List<PodEvaluator.Accepted> accepted) {
    OwnerKey owner = OwnerKey.pod(pod.pod());
    List<NbRow> rows = new ArrayList<>();
    Map<IpFamily, IpAddress> policyFamilies = new EnumMap<>(IpFamily.class);
    for (PodEvaluator.Accepted a : accepted) {
      rows.add(nat(config, pod, owner, a));
      policyFamilies.put(a.podIp().family(), a.podIp());
    }
    // One reroute policy per family that has a NAT: the pod's traffic of that family must leave
    // through the gateway port for the NAT to apply. Families without a NAT are left alone.
    policyFamilies.forEach(
        (family, podIp) ->
            rows.add(
                new NbRouterPolicy(
                    owner,
                    reroutePriority,
                    family.ovnProto() + ".src == " + podIp.text(),
                    "reroute",
                    List.of(config.gatewayIp(family).orElseThrow().text()))));
    return rows;
  }

  private static NbNat nat(
      GatewayConfig config, PodIntent pod, OwnerKey owner, PodEvaluator.Accepted a) {
    String ext = a.address().text();
    String logical = a.podIp().text();
    if (a.request() == NatRequest.EIP && config.type() == GatewayType.DISTRIBUTED) {
      // Distributed EIP: NAT on the pod's own chassis, which OVN does only with both
      // logical_port and external_mac set; stateless as in the reference.
      return new NbNat(
          owner,
          a.request().natType(),
          ext,
          logical,
          Optional.of(pod.pod().logicalPortName()),
          Optional.of(pod.mac().orElseThrow().text()),
          Map.of("stateless", "true"));
    }
    return NbNat.centralized(owner, a.request().natType(), ext, logical);
  }
}

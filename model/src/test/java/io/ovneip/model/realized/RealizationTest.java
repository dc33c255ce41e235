package io.ovneip.model.realized;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovneip.model.input.PodRef;
import io.ovneip.model.nb.NatType;
import io.ovneip.model.nb.NbNat;
import io.ovneip.model.nb.NbRouterPolicy;
import io.ovneip.model.nb.OwnerKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/behaviour.md §5.5: the realized condition from the Southbound's nb_cfg reports. */
class RealizationTest {
  static final String GW_PORT = "ovn-cluster-external";
  static final Set<Place> GATEWAY = Set.of(Place.GATEWAY);

  static SbProgress sb(long global, Map<String, Long> reports, Map<String, String> ports) {
    Map<String, SbProgress.Report> r = new java.util.HashMap<>();
    reports.forEach((c, n) -> r.put(c, new SbProgress.Report(n, 1_000L * n)));
    return new SbProgress(OptionalLong.of(global), r, reports.keySet(), ports);
  }

  static RealizedVerdict judge(long target, Set<Place> places, SbProgress sb) {
    return Realization.judge(target, places, sb, GW_PORT);
  }

  @Test
  void realizedOnceTheActiveGatewayReachedTheTarget() {
    SbProgress progress = sb(7, Map.of("gw1", 7L, "gw2", 3L), Map.of("cr-" + GW_PORT, "gw1"));
    RealizedVerdict v = judge(7, GATEWAY, progress);
    assertThat(v.realized()).isTrue();
    assertThat(v.reason()).isEqualTo(RealizedVerdict.REALIZED);
    assertThat(v.message()).contains("gw1").contains("7");
    // A later chassis value covers every earlier one.
    assertThat(judge(5, GATEWAY, progress).realized()).isTrue();
  }

  @Test
  void northdNotDoneYet() {
    RealizedVerdict v = judge(8, GATEWAY, sb(7, Map.of("gw1", 7L), Map.of("cr-" + GW_PORT, "gw1")));
    assertThat(v.realized()).isFalse();
    assertThat(v.reason()).isEqualTo(RealizedVerdict.NORTHD_BEHIND);
    assertThat(judge(1, GATEWAY, SbProgress.empty()).reason())
        .isEqualTo(RealizedVerdict.NORTHD_BEHIND);
  }

  @Test
  void aLaggingGatewayHoldsUpOnlyThePodsItServes() {
    SbProgress progress =
        sb(
            9,
            Map.of("gw1", 4L, "node2", 9L),
            Map.of("cr-" + GW_PORT, "gw1", "p2.default", "node2"));
    RealizedVerdict viaGateway = judge(9, GATEWAY, progress);
    assertThat(viaGateway.reason()).isEqualTo(RealizedVerdict.CHASSIS_LAGGING);
    assertThat(viaGateway.message()).contains("gw1").contains("4").contains("9");
    assertThat(judge(9, Set.of(new Place.PodPort("p2.default")), progress).realized()).isTrue();
    // Rows committed before the chassis stopped are still in its flows.
    assertThat(judge(4, GATEWAY, progress).realized()).isTrue();
  }

  @Test
  void unboundAndDownChassis() {
    assertThat(judge(3, GATEWAY, sb(3, Map.of("gw1", 3L), Map.of())).reason())
        .isEqualTo(RealizedVerdict.NOT_BOUND);
    // Bound to a chassis that has no Chassis_Private report.
    SbProgress down =
        new SbProgress(OptionalLong.of(3), Map.of(), Set.of("gw1"), Map.of("cr-" + GW_PORT, "gw1"));
    assertThat(judge(3, GATEWAY, down).reason()).isEqualTo(RealizedVerdict.CHASSIS_DOWN);
  }

  @Test
  void everyPlaceMustHaveIt() {
    Set<Place> both = Set.of(Place.GATEWAY, new Place.PodPort("p.default"));
    Map<String, String> ports = Map.of("cr-" + GW_PORT, "gw1", "p.default", "n1");
    assertThat(judge(5, both, sb(5, Map.of("gw1", 5L, "n1", 4L), ports)).reason())
        .isEqualTo(RealizedVerdict.CHASSIS_LAGGING);
    assertThat(judge(5, both, sb(5, Map.of("gw1", 5L, "n1", 5L), ports)).realized()).isTrue();
  }

  @Test
  void placesFollowTheRows() {
    OwnerKey owner = OwnerKey.pod(new PodRef("default", "p"));
    NbNat centralized = NbNat.centralized(owner, NatType.SNAT, "172.56.0.9", "10.16.0.9");
    NbNat distributed =
        new NbNat(
            owner,
            NatType.DNAT_AND_SNAT,
            "172.56.0.10",
            "10.16.0.9",
            Optional.of("p.default"),
            Optional.of("00:00:00:00:00:01"),
            Map.of());
    NbRouterPolicy reroute =
        new NbRouterPolicy(owner, 29260, "ip4.src == 10.16.0.9", "reroute", List.of("172.56.0.1"));
    PodRef pod = new PodRef("default", "p");
    assertThat(Place.of(List.of(centralized), pod)).containsExactly(Place.GATEWAY);
    assertThat(Place.of(List.of(distributed), pod)).containsExactly(new Place.PodPort("p.default"));
    // The reroute policy runs where the pod's traffic enters the router: the pod's chassis.
    assertThat(Place.of(List.of(centralized, reroute), pod))
        .containsExactlyInAnyOrder(Place.GATEWAY, new Place.PodPort("p.default"));
  }
}

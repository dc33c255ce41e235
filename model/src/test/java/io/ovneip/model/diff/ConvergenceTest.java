package io.ovneip.model.diff;

import static io.ovneip.model.testing.Fixtures.SETTINGS;
import static io.ovneip.model.testing.Fixtures.eip;
import static io.ovneip.model.testing.Fixtures.intent;
import static io.ovneip.model.testing.Fixtures.pod;
import static io.ovneip.model.testing.Fixtures.snat;
import static org.assertj.core.api.Assertions.assertThat;

import io.ovneip.model.desired.DesiredNb;
import io.ovneip.model.input.GatewayConfig;
import io.ovneip.model.input.PodIntent;
import io.ovneip.model.nb.NbState;
import io.ovneip.model.observed.ObservedNb;
import io.ovneip.model.testing.Converge;
import io.ovneip.model.testing.FakeNb;
import io.ovneip.model.testing.Fixtures;
import io.ovneip.ovsdb.protocol.OvsdbSet;
import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plans applied to a simulated NB converge: the next diff is empty, and no write is sent. */
class ConvergenceTest {

  static NbState desired(GatewayConfig config, List<PodIntent> pods) {
    return DesiredNb.build(SETTINGS, config, Fixtures.nodes(), pods, Fixtures.portsOf(pods))
        .state()
        .orElseThrow();
  }

  static List<PodIntent> seedPods() {
    return List.of(
        intent(pod("pod-snat", 5, snat("172.56.0.200"))),
        intent(pod("pod-eip", 6, eip("172.56.0.233"))));
  }

  @Test
  void seedWalkThroughConvergesAndLooksLikeTheSeed() {
    FakeNb nb = Fixtures.baseTopology();
    NbState want = desired(Fixtures.seedConfig(), seedPods());
    Converge.applyAndAssertConverged(nb, want);

    Row router = nb.table("Logical_Router").get(Fixtures.router(nb));
    assertThat(setSize(router, "nat")).isEqualTo(2);
    assertThat(setSize(router, "policies")).isEqualTo(3); // the CNI's 31000 + two of ours
    assertThat(setSize(router, "ports")).isEqualTo(2);
    assertThat(names(nb, "Logical_Switch_Port"))
        .contains("localnet.external", "external-ovn-cluster", "ovn-default-ovn-cluster");
    assertThat(names(nb, "Gateway_Chassis"))
        .containsExactly("ovn-cluster-external-chassis-kube-ovn-worker");
    assertThat(nb.table("NAT").values())
        .extracting(
            r ->
                r.columns().get("type")
                    + " "
                    + r.columns().get("external_ip")
                    + " "
                    + r.columns().get("logical_ip"))
        .containsExactlyInAnyOrder(
            "snat 172.56.0.200 10.16.0.5", "dnat_and_snat 172.56.0.233 10.16.0.6");
  }

  @Test
  void theGatewayRowsRecordTheConfigTheyWereBuiltFromAndAChangedConfigUpdatesIt() {
    // docs/behaviour.md §2.1: what a controller started under an invalid ConfigMap builds on.
    FakeNb nb = Fixtures.baseTopology();
    assertThat(ObservedNb.from(nb.snapshot()).recordedConfig()).isEmpty();
    Converge.applyAndAssertConverged(nb, desired(Fixtures.seedConfig(), seedPods()));
    assertThat(ObservedNb.from(nb.snapshot()).recordedConfig()).contains(Fixtures.seedConfig());

    GatewayConfig preemptive =
        Fixtures.config(Fixtures.with(Fixtures.seedConfigData(), "gateway-failback", "preemptive"));
    Converge.applyAndAssertConverged(nb, desired(preemptive, seedPods()));
    assertThat(ObservedNb.from(nb.snapshot()).recordedConfig()).contains(preemptive);
  }

  @Test
  void unchangedInputSendsNoWrite() {
    FakeNb nb = Fixtures.baseTopology();
    NbState want = desired(Fixtures.seedConfig(), seedPods());
    Converge.apply(nb, want);
    int before = nb.transactions();
    Plan again = Converge.apply(nb, desired(Fixtures.seedConfig(), seedPods()));
    assertThat(again.isEmpty()).isTrue();
    assertThat(PlanEncoder.encode(again, SETTINGS)).isInstanceOf(EncodedPlan.NoChange.class);
    assertThat(nb.transactions()).isEqualTo(before);
  }

  @Test
  void eipChangeOfTheSeedReplacesTheRowInOneTransaction() {
    FakeNb nb = Fixtures.baseTopology();
    Converge.apply(nb, desired(Fixtures.seedConfig(), seedPods()));
    List<PodIntent> changed =
        List.of(
            intent(pod("pod-snat", 5, snat("172.56.0.200"))),
            intent(pod("pod-eip", 6, eip("172.56.0.221"))));
    int before = nb.transactions();
    Plan plan = Converge.apply(nb, desired(Fixtures.seedConfig(), changed));
    assertThat(nb.transactions()).isEqualTo(before + 1);
    assertThat(plan.inserts()).hasSize(1);
    assertThat(plan.deletes()).hasSize(1);
    assertThat(nb.table("NAT").values())
        .extracting(r -> r.columns().get("external_ip"))
        .containsExactlyInAnyOrder("172.56.0.200", "172.56.0.221");
    assertThat(Converge.plan(nb, desired(Fixtures.seedConfig(), changed), o -> true).isEmpty())
        .isTrue();
  }

  @Test
  void disableRemovesEveryOwnedRowAndLeavesTheCnisRowsAlone() {
    FakeNb nb = Fixtures.baseTopology();
    Map<String, Map<Uuid, Row>> before = nb.normalized();
    Converge.apply(nb, desired(Fixtures.seedConfig(), seedPods()));
    Converge.applyAndAssertConverged(nb, desired(GatewayConfig.disabled(), seedPods()));
    assertThat(nb.normalized()).isEqualTo(before);
  }

  @Test
  void distributedAndDualStackConverge() {
    Map<String, String> data = Fixtures.with(Fixtures.seedConfigData(), "type", "distributed");
    data = Fixtures.with(data, "external-gw-addr", "172.56.0.1/16,fd00:56::1/64");
    data = Fixtures.with(data, "nic-ip", "172.56.0.254/16,fd00:56::fe/64");
    List<PodIntent> pods =
        List.of(
            intent(
                pod(
                    "default",
                    "ds",
                    Fixtures.T0,
                    "10.16.0.9,fd00:10:16::9",
                    Map.of("ovn.kubernetes.io/eip", "172.56.0.50,fd00:56::50"))));
    FakeNb nb = Fixtures.baseTopology();
    Converge.applyAndAssertConverged(nb, desired(Fixtures.config(data), pods));
    assertThat(nb.table("Gateway_Chassis")).hasSize(3);
    assertThat(nb.table("NAT")).hasSize(2);
    assertThat(nb.table("Logical_Router_Policy")).hasSize(3);
    // Back to centralized: updated in place (same natural keys), then converged.
    Plan back = Converge.apply(nb, desired(Fixtures.seedConfig(), List.of()));
    assertThat(back.updates()).isNotEmpty();
    assertThat(Converge.plan(nb, desired(Fixtures.seedConfig(), List.of()), o -> true).isEmpty())
        .isTrue();
  }

  private static int setSize(Row row, String column) {
    return ((OvsdbSet) row.columns().get(column)).elements().size();
  }

  private static List<Object> names(FakeNb nb, String table) {
    return nb.table(table).values().stream().map(r -> r.columns().get("name")).toList();
  }
}

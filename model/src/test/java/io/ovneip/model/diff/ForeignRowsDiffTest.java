package io.ovneip.model.diff;

import static io.ovneip.model.testing.Fixtures.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;

import io.ovneip.model.desired.DesiredNb;
import io.ovneip.model.input.GatewayConfig;
import io.ovneip.model.nb.NbState;
import io.ovneip.model.nb.NbTable;
import io.ovneip.model.testing.Converge;
import io.ovneip.model.testing.FakeNb;
import io.ovneip.model.testing.Fixtures;
import io.ovneip.ovsdb.protocol.Condition;
import io.ovneip.ovsdb.protocol.Mutation;
import io.ovneip.ovsdb.protocol.NamedUuid;
import io.ovneip.ovsdb.protocol.Operation;
import io.ovneip.ovsdb.protocol.OvsdbMap;
import io.ovneip.ovsdb.protocol.OvsdbSet;
import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spec section 3: nothing not ours is removed, not even by garbage collection or an update. */
class ForeignRowsDiffTest {

  static NbState disabled() {
    return DesiredNb.build(
            SETTINGS,
            GatewayConfig.disabled(),
            Fixtures.nodes(),
            List.of(),
            Fixtures.portsOf(List.of()))
        .state()
        .orElseThrow();
  }

  @Test
  void anOwnedSwitchWithAPortNotOursIsKeptAndOurPortsGo() {
    FakeNb nb = NbDiffTest.converged();
    Uuid sw = NbDiffTest.uuidOf(nb, "Logical_Switch", "name", "external");
    FakeNb.Result added =
        nb.transact(
            List.of(
                new Operation.Insert(
                    "Logical_Switch_Port", Row.of(Map.of("name", "manual-port")), "p"),
                new Operation.Mutate(
                    "Logical_Switch",
                    List.of(Condition.eq("_uuid", sw)),
                    List.of(Mutation.insert("ports", OvsdbSet.of(new NamedUuid("p")))))));
    assertThat(added.ok()).isTrue();

    Plan plan = Converge.apply(nb, disabled());
    assertThat(plan.foreignKept())
        .singleElement()
        .satisfies(
            k -> {
              assertThat(k.parent()).isEqualTo(new RowKey(NbTable.LOGICAL_SWITCH, "external"));
              assertThat(k.message()).contains("\"manual-port\"");
            });
    assertThat(nb.table("Logical_Switch")).containsKey(sw);
    assertThat(nb.table("Logical_Switch_Port").values())
        .extracting(r -> r.columns().get("name"))
        .contains("manual-port")
        .doesNotContain("localnet.external", "external-ovn-cluster");

    // The foreign port goes: the next plan removes the switch.
    nb.transact(
        List.of(
            new Operation.Mutate(
                "Logical_Switch",
                List.of(Condition.eq("_uuid", sw)),
                List.of(
                    Mutation.delete(
                        "ports",
                        OvsdbSet.of(
                            NbDiffTest.uuidOf(
                                nb, "Logical_Switch_Port", "name", "manual-port")))))));
    Plan last = Converge.apply(nb, disabled());
    assertThat(last.foreignKept()).isEmpty();
    assertThat(nb.table("Logical_Switch")).doesNotContainKey(sw);
  }

  @Test
  void anUpdateSetsAndRemovesOnlyOurMapKeys() {
    FakeNb nb = NbDiffTest.converged();
    Uuid lsp = NbDiffTest.uuidOf(nb, "Logical_Switch_Port", "name", "localnet.external");
    Map<String, Object> edited = new HashMap<>(nb.table("Logical_Switch_Port").get(lsp).columns());
    edited.remove("_uuid");
    edited.put("options", OvsdbMap.of(Map.of("network_name", "wrong", "mcast_flood", "true")));
    Map<Object, Object> ids = new HashMap<>(((OvsdbMap) edited.get("external_ids")).entries());
    ids.put("team", "netops");
    edited.put("external_ids", OvsdbMap.of(ids));
    nb.transact(
        List.of(
            new Operation.Update(
                "Logical_Switch_Port", List.of(Condition.eq("_uuid", lsp)), Row.of(edited))));

    Plan plan = Converge.apply(nb, NbDiffTest.seed());
    assertThat(plan.updates())
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.columns()).isEmpty();
              assertThat(u.maps().get("options").put())
                  .isEqualTo(Map.of("network_name", "external"));
              assertThat(u.maps().get("options").remove()).isEmpty();
            });
    Map<Object, Object> options =
        ((OvsdbMap) nb.table("Logical_Switch_Port").get(lsp).columns().get("options")).entries();
    assertThat(options)
        .containsEntry("network_name", "external")
        .containsEntry("mcast_flood", "true");
    assertThat(
            ((OvsdbMap) nb.table("Logical_Switch_Port").get(lsp).columns().get("external_ids"))
                .entries())
        .containsEntry("team", "netops");
    assertThat(Converge.plan(nb, NbDiffTest.seed(), o -> true).isEmpty()).isTrue();
  }
}

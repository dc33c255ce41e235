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
import io.ovneip.model.input.PodRef;
import io.ovneip.model.nb.NbState;
import io.ovneip.model.nb.NbTable;
import io.ovneip.model.nb.OwnerKey;
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

/** Drift repair, leaks, foreign rows, scope and the explicit "router missing" result. */
class NbDiffTest {
  static final OwnerKey POD_EIP = OwnerKey.pod(new PodRef("default", "pod-eip"));

  static NbState seed() {
    List<PodIntent> pods =
        List.of(
            intent(pod("pod-snat", 5, snat("172.56.0.200"))),
            intent(pod("pod-eip", 6, eip("172.56.0.233"))));
    return DesiredNb.build(
            SETTINGS, Fixtures.seedConfig(), Fixtures.nodes(), pods, Fixtures.portsOf(pods))
        .state()
        .orElseThrow();
  }

  static FakeNb converged() {
    FakeNb nb = Fixtures.baseTopology();
    Converge.applyAndAssertConverged(nb, seed());
    return nb;
  }

  static Uuid uuidOf(FakeNb nb, String table, String column, Object value) {
    return nb.table(table).entrySet().stream()
        .filter(e -> value.equals(e.getValue().columns().get(column)))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow();
  }

  static void edit(FakeNb nb, Operation... ops) {
    assertThat(nb.transact(List.of(ops)).ok()).isTrue();
  }

  @Test
  void aColumnEditedByHandIsUpdatedInPlace() {
    FakeNb nb = converged();
    Uuid lrp = uuidOf(nb, "Logical_Router_Port", "name", "ovn-cluster-external");
    edit(
        nb,
        new Operation.Update(
            "Logical_Router_Port",
            List.of(Condition.eq("_uuid", lrp)),
            Row.of(Map.of("mac", "00:00:00:00:00:01"))));
    Plan plan = Converge.apply(nb, seed());
    assertThat(plan.updates())
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.uuid()).isEqualTo(lrp);
              assertThat(u.columns()).containsOnlyKeys("mac");
            });
    assertThat(plan.inserts()).isEmpty();
    assertThat(Converge.plan(nb, seed(), o -> true).isEmpty()).isTrue();
  }

  @Test
  void aRowDeletedByHandComesBack() {
    FakeNb nb = converged();
    Uuid router = Fixtures.router(nb);
    Uuid nat = uuidOf(nb, "NAT", "external_ip", "172.56.0.233");
    edit(
        nb,
        new Operation.Mutate(
            "Logical_Router",
            List.of(Condition.eq("_uuid", router)),
            List.of(Mutation.delete("nat", OvsdbSet.of(nat)))));
    assertThat(nb.table("NAT")).doesNotContainKey(nat); // garbage-collected
    Plan plan = Converge.apply(nb, seed());
    assertThat(plan.inserts())
        .singleElement()
        .satisfies(r -> assertThat(r.owner()).isEqualTo(POD_EIP));
    assertThat(Converge.plan(nb, seed(), o -> true).isEmpty()).isTrue();
  }

  @Test
  void leakedDuplicatesAndOrphanedOwnersAreDeleted() {
    FakeNb nb = converged();
    Uuid router = Fixtures.router(nb);
    Map<String, Object> dup =
        new HashMap<>(
            nb.table("NAT").get(uuidOf(nb, "NAT", "external_ip", "172.56.0.233")).columns());
    dup.remove("_uuid");
    Map<String, Object> orphan = new HashMap<>(dup);
    orphan.put(
        "external_ids",
        OvsdbMap.of(Map.of("vendor", "kube-ovn", "ovn-eip-owner", "pod/default/long-gone")));
    orphan.put("external_ip", "172.56.0.99");
    edit(
        nb,
        new Operation.Insert("NAT", Row.of(dup), "dup"),
        new Operation.Insert("NAT", Row.of(orphan), "orphan"),
        new Operation.Mutate(
            "Logical_Router",
            List.of(Condition.eq("_uuid", router)),
            List.of(
                Mutation.insert(
                    "nat", OvsdbSet.of(new NamedUuid("dup"), new NamedUuid("orphan"))))));
    assertThat(nb.table("NAT")).hasSize(4);
    Plan plan = Converge.apply(nb, seed());
    assertThat(plan.deletes()).hasSize(2);
    assertThat(nb.table("NAT")).hasSize(2);
    assertThat(Converge.plan(nb, seed(), o -> true).isEmpty()).isTrue();
  }

  @Test
  void rowsNotOursAreNeverTouchedAndNamesInTheWayAreReported() {
    FakeNb nb = Fixtures.baseTopology();
    Uuid router = Fixtures.router(nb);
    // A hand-made NAT on the router, and a switch port already named like ours.
    edit(
        nb,
        new Operation.Insert(
            "NAT",
            Row.of(
                Map.of(
                    "type", "snat", "external_ip", "172.56.0.200", "logical_ip", "10.16.0.0/16")),
            "hand"),
        new Operation.Mutate(
            "Logical_Router",
            List.of(Condition.eq("_uuid", router)),
            List.of(Mutation.insert("nat", OvsdbSet.of(new NamedUuid("hand"))))),
        new Operation.Insert(
            "Logical_Switch_Port",
            Row.of(Map.of("name", "localnet.external", "type", "localnet")),
            "lsp"),
        new Operation.Insert(
            "Logical_Switch",
            Row.of(Map.of("name", "someone-elses", "ports", OvsdbSet.of(new NamedUuid("lsp")))),
            null));
    Map<String, Map<Uuid, Row>> foreign = nb.normalized();
    Plan plan = Converge.apply(nb, seed());
    assertThat(plan.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.owner()).isEqualTo(OwnerKey.GATEWAY);
              assertThat(p.message()).contains("localnet.external");
            });
    assertThat(plan.inserts()).noneMatch(r -> r.owner().isGateway());
    // Every foreign row is still there, unchanged (the router only gained references).
    foreign.forEach(
        (table, rows) ->
            rows.forEach(
                (id, row) -> {
                  if (!table.equals("Logical_Router")) {
                    assertThat(nb.normalized().get(table)).containsEntry(id, row);
                  }
                }));
    Converge.apply(
        nb,
        DesiredNb.build(
                SETTINGS,
                GatewayConfig.disabled(),
                Fixtures.nodes(),
                List.of(),
                Fixtures.portsOf(List.of()))
            .state()
            .orElseThrow());
    assertThat(nb.normalized()).isEqualTo(foreign);
  }

  @Test
  void scopeLimitsThePlanToTheGivenOwners() {
    FakeNb nb = converged();
    List<PodIntent> changed =
        List.of(
            intent(pod("pod-snat", 5, snat("172.56.0.201"))),
            intent(pod("pod-eip", 6, eip("172.56.0.221"))));
    NbState want =
        DesiredNb.build(
                SETTINGS,
                Fixtures.seedConfig(),
                Fixtures.nodes(),
                changed,
                Fixtures.portsOf(changed))
            .state()
            .orElseThrow();
    Plan onlyEip = Converge.apply(nb, want, POD_EIP::equals);
    assertThat(onlyEip.owners()).containsExactly(POD_EIP);
    assertThat(nb.table("NAT").values())
        .extracting(r -> r.columns().get("external_ip"))
        .containsExactlyInAnyOrder("172.56.0.200", "172.56.0.221");
    Plan rest = Converge.apply(nb, want);
    assertThat(rest.owners()).containsExactly(OwnerKey.pod(new PodRef("default", "pod-snat")));
  }

  @Test
  void aMissingRouterIsAnExplicitResult() {
    FakeNb nb = new FakeNb(); // no CNI topology at all
    Plan plan = Converge.plan(nb, seed(), o -> true);
    EncodedPlan encoded = PlanEncoder.encode(plan, SETTINGS);
    assertThat(encoded)
        .isInstanceOfSatisfying(
            EncodedPlan.Blocked.class,
            b ->
                assertThat(b.reasons())
                    .singleElement()
                    .asString()
                    .contains("ovn-cluster", "does not exist"));
  }

  @Test
  void twoRoutersOfOneNameAreNotGuessedBetween() {
    FakeNb nb = Fixtures.baseTopology();
    edit(nb, new Operation.Insert("Logical_Router", Row.of(Map.of("name", "ovn-cluster")), null));
    EncodedPlan encoded = PlanEncoder.encode(Converge.plan(nb, seed(), o -> true), SETTINGS);
    assertThat(encoded).isInstanceOf(EncodedPlan.Blocked.class);
  }

  @Test
  void theGuardFailsTheTransactionWhenTheRouterWentAwayMeanwhile() {
    FakeNb nb = Fixtures.baseTopology();
    Plan plan = Converge.plan(nb, seed(), o -> true);
    EncodedPlan.Transaction t = (EncodedPlan.Transaction) PlanEncoder.encode(plan, SETTINGS);
    edit(nb, new Operation.Delete("Logical_Router", List.of(Condition.eq("name", "ovn-cluster"))));
    FakeNb.Result r = nb.transact(t.operations());
    assertThat(r.ok()).isFalse();
    assertThat(r.error()).contains("timed out");
  }

  @Test
  void rowsUnderARenamedRouterAreMovedToTheConfiguredOne() {
    FakeNb nb = converged();
    Uuid oldRouter = Fixtures.router(nb);
    // The operator points --cluster-router elsewhere: a new router of that name appears.
    edit(
        nb,
        new Operation.Update(
            "Logical_Router",
            List.of(Condition.eq("_uuid", oldRouter)),
            Row.of(Map.of("name", "old-router"))),
        new Operation.Insert("Logical_Router", Row.of(Map.of("name", "ovn-cluster")), null));
    Plan plan = Converge.apply(nb, seed());
    assertThat(plan.deletes())
        .extracting(d -> d.table())
        .contains(NbTable.NAT, NbTable.LOGICAL_ROUTER_POLICY, NbTable.LOGICAL_ROUTER_PORT);
    assertThat(nb.table("Logical_Router").get(oldRouter).columns().get("nat"))
        .isEqualTo(OvsdbSet.empty());
    assertThat(Converge.plan(nb, seed(), o -> true).isEmpty()).isTrue();
  }

  @Test
  void encodedInsertsAreReferencedInTheSameTransaction() {
    Plan plan = Converge.plan(Fixtures.baseTopology(), seed(), o -> true);
    List<Operation> ops =
        ((EncodedPlan.Transaction) PlanEncoder.encode(plan, SETTINGS)).operations();
    assertThat(ops).filteredOn(Operation.Insert.class::isInstance).hasSize(plan.inserts().size());
    assertThat(ops).filteredOn(Operation.Update.class::isInstance).isEmpty();
    // One guarded mutate of the router for all new NATs, policies and the port.
    assertThat(ops)
        .filteredOn(Operation.Mutate.class::isInstance)
        .singleElement()
        .satisfies(
            m ->
                assertThat(((Operation.Mutate) m).mutations())
                    .extracting(Mutation::column)
                    .containsExactlyInAnyOrder("nat", "policies", "ports"));
    assertThat(ops).filteredOn(Operation.Wait.class::isInstance).hasSize(1);
  }
}

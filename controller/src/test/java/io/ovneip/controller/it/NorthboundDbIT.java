package io.ovneip.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ovneip.controller.ovn.NorthboundDb;
import io.ovneip.model.nb.ExternalIds;
import io.ovneip.model.nb.NbReadColumns;
import io.ovneip.model.nb.NbTable;
import io.ovneip.model.nb.OwnerKey;
import io.ovneip.model.observed.ObservedNb;
import io.ovneip.model.observed.ObservedRow;
import io.ovneip.model.observed.Referrer;
import io.ovneip.ovsdb.cache.MonitorRequest;
import io.ovneip.ovsdb.cache.Replica;
import io.ovneip.ovsdb.cache.Snapshot;
import io.ovneip.ovsdb.client.OvsdbClient;
import io.ovneip.ovsdb.client.OvsdbClientOptions;
import io.ovneip.ovsdb.protocol.Condition;
import io.ovneip.ovsdb.protocol.Mutation;
import io.ovneip.ovsdb.protocol.NamedUuid;
import io.ovneip.ovsdb.protocol.Operation;
import io.ovneip.ovsdb.protocol.OvsdbSet;
import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link NorthboundDb}'s owner index against a real NB ovsdb-server: after our transactions and
 * after hand edits with {@code ovn-nbctl}, {@code observed()}, {@code observed(owners)}, {@code
 * observedOwners()} and {@code ownedCounts()} show what {@link ObservedNb#from} computes from the
 * whole tables of an independent monitor.
 */
class NorthboundDbIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final OwnerKey A = new OwnerKey("pod/default/a");
  private static final OwnerKey B = new OwnerKey("pod/default/b");
  private static final List<OwnerKey> SOME = List.of(A, OwnerKey.GATEWAY, new OwnerKey("pod/x/y"));

  private OvnFixture ovn;
  private OvsdbClient client;
  private NorthboundDb nb;
  private OvsdbClient otherClient;
  private Replica independent;
  private final Set<OwnerKey> heard = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void start() {
    ovn = new OvnFixture().withBaseTopology();
    client = OvsdbClient.connect(OvsdbClientOptions.of(ovn.nb.tcpRemote()));
    nb = new NorthboundDb(client, WAIT);
    nb.awaitInitial(WAIT);
    nb.addOwnerListener(heard::addAll);
    otherClient = OvsdbClient.connect(OvsdbClientOptions.of(ovn.nb.tcpRemote()));
    // The columns NorthboundDb monitors (NbReadColumns), so that rows compare equal.
    MonitorRequest.Builder request = MonitorRequest.builder();
    NbReadColumns.BY_TABLE.forEach((t, columns) -> request.table(t, columns, List.of()));
    independent = Replica.open(otherClient, NorthboundDb.DB, request.build());
    independent.awaitInitial(WAIT);
  }

  @AfterEach
  void stop() {
    for (AutoCloseable c : new AutoCloseable[] {independent, otherClient, nb, client, ovn}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Test
  void followsOurTransactionsAndHandEdits() {
    nb.apply(ourRows(), List.of());
    // apply() returns once the index shows the transaction: no waiting here.
    assertThat(natKeys(nb.observed(List.of(A)).rows(A)))
        .containsExactlyInAnyOrder(
            "snat 172.56.0.10 10.16.0.2", "dnat_and_snat 172.56.0.11 10.16.0.3");
    assertThat(nb.observed(List.of(OwnerKey.GATEWAY)).rows(OwnerKey.GATEWAY))
        .extracting(ObservedRow::naturalKey)
        .containsExactlyInAnyOrder("ovn-cluster-external", "ovn-cluster-external-worker");
    assertThat(nb.observedOwners()).containsExactlyInAnyOrder(A, B, OwnerKey.GATEWAY);
    assertThat(nb.ownedCounts())
        .containsEntry("NAT", 2)
        .containsEntry("Logical_Switch_Port", 1)
        .containsEntry("Logical_Router_Port", 1)
        .containsEntry("Gateway_Chassis", 1);
    matchesWholeTables(x -> {});

    Uuid dnat = uuidWhere("NAT", "external_ip=172.56.0.11");
    ovn.nbctl(
        "set", "NAT", dnat.value(), "external_ids:" + ExternalIds.OWNER_KEY + "=\"" + B + "\"");
    matchesWholeTables(
        x -> assertThat(natKeys(x.rows(B))).containsExactly("dnat_and_snat 172.56.0.11 10.16.0.3"));
    assertThat(natKeys(nb.observed(List.of(A)).rows(A)))
        .containsExactly("snat 172.56.0.10 10.16.0.2");
    assertThat(heard).contains(A, B);

    Uuid snat = uuidWhere("NAT", "external_ip=172.56.0.10");
    ovn.nbctl("remove", "NAT", snat.value(), "external_ids", ExternalIds.OWNER_KEY);
    matchesWholeTables(x -> assertThat(x.rows(A)).isEmpty());
    assertThat(nb.ownedCounts()).containsEntry("NAT", 1);

    // The NAT moves to another router: the row stays as it was, only its referrer changes.
    ovn.nbctl("lr-add", "vpc-1");
    Uuid vpc = uuidWhere("Logical_Router", "name=vpc-1");
    ovn.nbctl(
        "remove",
        "Logical_Router",
        "ovn-cluster",
        "nat",
        dnat.value(),
        "--",
        "add",
        "Logical_Router",
        "vpc-1",
        "nat",
        dnat.value());
    matchesWholeTables(
        x ->
            assertThat(natOf(x.rows(B)).referrers())
                .containsExactly(new Referrer(NbTable.LOGICAL_ROUTER, vpc, "nat")));

    ovn.nbctl("set", "Logical_Router", "vpc-1", "name=vpc-2");
    matchesWholeTables(
        x -> assertThat(x.routersByName()).containsKey("vpc-2").doesNotContainKey("vpc-1"));

    ovn.nbctl("lsp-add", "ovn-default", "a-foreign-port");
    matchesWholeTables(
        x -> assertThat(x.foreignName(NbTable.LOGICAL_SWITCH_PORT, "a-foreign-port")).isTrue());

    // Deleting the router garbage-collects the NAT it held.
    ovn.nbctl("lr-del", "vpc-2");
    matchesWholeTables(x -> assertThat(natKeys(x.rows(B))).isEmpty());
    assertThat(nb.ownedCounts()).containsEntry("NAT", 0);

    // Our own delete, seen at once.
    Uuid lsp = uuidWhere("Logical_Switch_Port", "name=a-port");
    nb.apply(
        List.of(
            new Operation.Mutate(
                "Logical_Switch",
                List.of(Condition.eq("name", "ovn-default")),
                List.of(Mutation.delete("ports", OvsdbSet.of(lsp)))),
            new Operation.Delete("Logical_Switch_Port", List.of(Condition.eq("_uuid", lsp)))),
        List.of(lsp));
    assertThat(nb.observedOwners()).containsExactly(OwnerKey.GATEWAY);
    matchesWholeTables(x -> {});

    // A second instance starting on this database indexes it whole.
    try (NorthboundDb fresh = new NorthboundDb(client, WAIT)) {
      fresh.awaitInitial(WAIT);
      assertThat(fresh.observed()).isEqualTo(nb.observed());
      assertThat(fresh.ownedCounts()).isEqualTo(nb.ownedCounts());
    }
  }

  /**
   * Waits until the independent monitor's tables show what {@code edit} expects, and our views
   * equal what {@link ObservedNb#from} computes from them.
   */
  private void matchesWholeTables(Consumer<ObservedNb> edit) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Snapshot s = independent.snapshot();
              ObservedNb whole = ObservedNb.from(tables(s));
              edit.accept(whole);
              assertThat(nb.observed()).isEqualTo(whole);
              assertThat(nb.observed(SOME)).isEqualTo(restricted(whole, SOME));
              assertThat(nb.observedOwners()).isEqualTo(whole.owners());
              assertThat(nb.ownedCounts()).isEqualTo(ownedCounts(s));
            });
  }

  /** Two NAT rows of A, an LSP of B, the gateway's router port and its Gateway_Chassis. */
  private static List<Operation> ourRows() {
    List<Operation> ops = new ArrayList<>();
    ops.add(
        insert(
            "NAT",
            "n1",
            A,
            Map.of("type", "snat", "external_ip", "172.56.0.10", "logical_ip", "10.16.0.2")));
    ops.add(
        insert(
            "NAT",
            "n2",
            A,
            Map.of(
                "type", "dnat_and_snat", "external_ip", "172.56.0.11", "logical_ip", "10.16.0.3")));
    ops.add(insert("Logical_Switch_Port", "lsp", B, Map.of("name", "a-port")));
    ops.add(
        insert(
            "Gateway_Chassis",
            "gc",
            OwnerKey.GATEWAY,
            Map.of(
                "name",
                "ovn-cluster-external-worker",
                "chassis_name",
                "worker",
                "priority",
                100L)));
    ops.add(
        insert(
            "Logical_Router_Port",
            "lrp",
            OwnerKey.GATEWAY,
            Map.of(
                "name",
                "ovn-cluster-external",
                "mac",
                "00:00:00:aa:00:02",
                "networks",
                OvsdbSet.of("172.56.0.1/16"),
                "gateway_chassis",
                OvsdbSet.of(new NamedUuid("gc")))));
    ops.add(
        new Operation.Mutate(
            NbTable.LOGICAL_ROUTER,
            List.of(Condition.eq("name", "ovn-cluster")),
            List.of(
                Mutation.insert("nat", OvsdbSet.of(new NamedUuid("n1"), new NamedUuid("n2"))),
                Mutation.insert("ports", OvsdbSet.of(new NamedUuid("lrp"))))));
    ops.add(
        new Operation.Mutate(
            "Logical_Switch",
            List.of(Condition.eq("name", "ovn-default")),
            List.of(Mutation.insert("ports", OvsdbSet.of(new NamedUuid("lsp"))))));
    return ops;
  }

  private static Operation insert(
      String table, String name, OwnerKey owner, Map<String, Object> columns) {
    Map<String, Object> cols = new HashMap<>(columns);
    cols.put("external_ids", ExternalIds.of(owner));
    return new Operation.Insert(table, Row.of(cols), name);
  }

  private Uuid uuidWhere(String table, String condition) {
    return Uuid.of(ovn.nbctl("--bare", "--columns=_uuid", "find", table, condition).trim());
  }

  private static ObservedRow natOf(List<ObservedRow> rows) {
    return rows.stream().filter(r -> r.table() == NbTable.NAT).findFirst().orElseThrow();
  }

  private static List<String> natKeys(List<ObservedRow> rows) {
    return rows.stream()
        .filter(r -> r.table() == NbTable.NAT)
        .map(ObservedRow::naturalKey)
        .toList();
  }

  private static Map<String, Map<Uuid, Row>> tables(Snapshot s) {
    Map<String, Map<Uuid, Row>> out = new HashMap<>();
    s.tableNames().forEach(t -> out.put(t, s.table(t)));
    return out;
  }

  private static ObservedNb restricted(ObservedNb whole, List<OwnerKey> owners) {
    return whole.restrictedTo(owners);
  }

  private static Map<String, Integer> ownedCounts(Snapshot s) {
    Map<String, Integer> out = new HashMap<>();
    for (NbTable t : NbTable.values()) {
      out.put(
          t.tableName(),
          (int)
              s.table(t.tableName()).values().stream()
                  .filter(r -> ExternalIds.ownerOf(r).isPresent())
                  .count());
    }
    return out;
  }
}

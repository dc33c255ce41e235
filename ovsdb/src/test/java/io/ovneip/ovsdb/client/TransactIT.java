package io.ovneip.ovsdb.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovneip.ovsdb.protocol.Condition;
import io.ovneip.ovsdb.protocol.Mutation;
import io.ovneip.ovsdb.protocol.Operation;
import io.ovneip.ovsdb.protocol.OperationResult;
import io.ovneip.ovsdb.protocol.OvsdbMap;
import io.ovneip.ovsdb.protocol.OvsdbSet;
import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import io.ovneip.testkit.OvsdbExtension;
import io.ovneip.testkit.OvsdbServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every operation and value type against a real standalone OVN_Northbound ovsdb-server. */
@ExtendWith(OvsdbExtension.class)
class TransactIT {
  static OvsdbServer server;
  static OvsdbClient client;

  @BeforeAll
  static void start(OvsdbServer nb) {
    server = nb;
    client = OvsdbClient.connect(OvsdbClientOptions.of(nb.unixRemote()));
  }

  @AfterAll
  static void stop() {
    client.close();
  }

  private static List<OperationResult> tx(Operation... ops) {
    return client.transact(Nb.DB, List.of(ops));
  }

  @Test
  void listsDatabasesAndParsesTheRealSchema() {
    assertThat(client.listDatabases()).contains("OVN_Northbound", "_Server");
    var schema = client.schema(Nb.DB);
    assertThat(schema.version()).isEqualTo("7.0.0");
    assertThat(schema.requireTable("NAT").root()).isFalse();
    assertThat(schema.requireTable("Logical_Router").requireColumn("nat").type().key().refTable())
        .isEqualTo("NAT");
  }

  @Test
  void insertSelectUpdateMutateDeleteWithEveryValueType() {
    Uuid router =
        tx(new Operation.Insert(
                "Logical_Router",
                Row.of(
                    Map.of(
                        "name", "lr-values",
                        "enabled", OvsdbSet.of(true),
                        "options", OvsdbMap.of(Map.of("chassis", "c1")),
                        "external_ids", OvsdbMap.of(Map.of("k", "v")))),
                null))
            .get(0)
            .insertedUuid()
            .orElseThrow();

    Row row = tx(Nb.selectRouter("lr-values")).get(0).selectedRows().get(0);
    assertThat(row.uuid()).contains(router);
    assertThat(row.columns())
        .containsEntry("name", "lr-values") // scalar string: bare atom
        .containsEntry("enabled", OvsdbSet.of(true)) // optional boolean: a set
        .containsEntry("nat", OvsdbSet.empty()) // unlimited uuid set
        .containsEntry("options", OvsdbMap.of(Map.of("chassis", "c1")))
        .containsEntry("external_ids", OvsdbMap.of(Map.of("k", "v")));

    // integer and real columns: Logical_Router_Static_Route has none; use
    // Load_Balancer_Health_Check? use ACL priority (integer)
    List<OperationResult> upd =
        tx(
            new Operation.Update(
                "Logical_Router",
                List.of(Condition.eq("_uuid", router)),
                Row.of(Map.of("enabled", OvsdbSet.empty()))),
            new Operation.Mutate(
                "Logical_Router",
                List.of(Condition.eq("name", "lr-values")),
                List.of(
                    Mutation.insert("external_ids", OvsdbMap.of(Map.of("k2", "v2"))),
                    Mutation.delete("options", OvsdbSet.of("chassis")))));
    assertThat(upd).extracting(OperationResult::countOrZero).containsExactly(1L, 1L);

    row = tx(Nb.selectRouter("lr-values")).get(0).selectedRows().get(0);
    assertThat(row.columns())
        .containsEntry("enabled", OvsdbSet.empty())
        .containsEntry("options", OvsdbMap.empty())
        .containsEntry("external_ids", OvsdbMap.of(Map.of("k", "v", "k2", "v2")));

    assertThat(
            tx(new Operation.Delete("Logical_Router", List.of(Condition.eq("_uuid", router))))
                .get(0)
                .countOrZero())
        .isEqualTo(1);
    assertThat(tx(Nb.selectRouter("lr-values")).get(0).selectedRows()).isEmpty();
  }

  @Test
  void natRowNotReferencedFromARouterVanishesAtCommit() {
    Uuid orphan =
        tx(new Operation.Insert(
                "NAT",
                Row.of(
                    Map.of("type", "snat", "external_ip", "172.56.0.9", "logical_ip", "10.16.0.9")),
                null))
            .get(0)
            .insertedUuid()
            .orElseThrow();
    assertThat(
            tx(new Operation.Select("NAT", List.of(Condition.eq("_uuid", orphan)), null))
                .get(0)
                .selectedRows())
        .as("an unreferenced NAT row is garbage-collected although its insert returned a UUID")
        .isEmpty();

    tx(Nb.insertRouter("lr-nat"));
    List<Operation> ops = new ArrayList<>(Nb.addNat("lr-nat", "kept", "172.56.0.10", "10.16.0.10"));
    Uuid kept = client.transact(Nb.DB, ops).get(0).insertedUuid().orElseThrow();
    assertThat(tx(Nb.selectRouter("lr-nat")).get(0).selectedRows().get(0).columns())
        .containsEntry("nat", OvsdbSet.of(kept));
    assertThat(
            tx(new Operation.Select("NAT", List.of(Condition.eq("_uuid", kept)), null))
                .get(0)
                .selectedRows())
        .hasSize(1);
  }
}

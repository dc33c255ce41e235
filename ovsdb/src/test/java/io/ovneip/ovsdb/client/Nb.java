package io.ovneip.ovsdb.client;

import io.ovneip.ovsdb.protocol.Condition;
import io.ovneip.ovsdb.protocol.Mutation;
import io.ovneip.ovsdb.protocol.NamedUuid;
import io.ovneip.ovsdb.protocol.Operation;
import io.ovneip.ovsdb.protocol.OvsdbMap;
import io.ovneip.ovsdb.protocol.OvsdbSet;
import io.ovneip.ovsdb.protocol.Row;
import java.util.List;
import java.util.Map;

/** OVN Northbound operations the integration tests share. */
final class Nb {
  static final String DB = "OVN_Northbound";

  private Nb() {}

  static Operation insertRouter(String name) {
    return new Operation.Insert("Logical_Router", Row.of(Map.of("name", name)), null);
  }

  static Operation selectRouter(String name) {
    return new Operation.Select("Logical_Router", List.of(Condition.eq("name", name)), null);
  }

  /** A NAT row plus the mutation that references it from the router, as OVN requires. */
  static List<Operation> addNat(String router, String label, String externalIp, String logicalIp) {
    String id = "nat_" + label.replaceAll("[^A-Za-z0-9_]", "_");
    return List.of(
        new Operation.Insert(
            "NAT",
            Row.of(
                Map.of(
                    "type",
                    "snat",
                    "external_ip",
                    externalIp,
                    "logical_ip",
                    logicalIp,
                    "external_ids",
                    OvsdbMap.of(Map.of("label", label)))),
            id),
        new Operation.Mutate(
            "Logical_Router",
            List.of(Condition.eq("name", router)),
            List.of(Mutation.insert("nat", OvsdbSet.of(new NamedUuid(id))))));
  }
}

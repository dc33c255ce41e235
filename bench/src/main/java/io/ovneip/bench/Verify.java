package io.ovneip.bench;

import io.ovneip.ovsdb.client.OvsdbClient;
import io.ovneip.ovsdb.client.OvsdbClientOptions;
import io.ovneip.ovsdb.protocol.Condition;
import io.ovneip.ovsdb.protocol.Operation;
import io.ovneip.ovsdb.protocol.OperationResult;
import io.ovneip.ovsdb.protocol.OvsdbSet;
import io.ovneip.ovsdb.protocol.Row;
import java.time.Duration;
import java.util.List;

/**
 * Checks, outside the timed part, that a measurement really left its rows in the database and
 * referenced from the router: a fast run that wrote nothing (or whose rows were garbage-collected)
 * must not count.
 */
public final class Verify {
  private Verify() {}

  /**
   * {@code pods} NAT rows and {@code pods + 1} policies (the base topology's 31000 allow policy)
   * exist, every one referenced from the router.
   */
  public static void podRows(String remotes, int pods) {
    try (OvsdbClient c =
        OvsdbClient.connect(
            OvsdbClientOptions.builder(remotes).callTimeout(Duration.ofSeconds(60)).build())) {
      List<OperationResult> r =
          c.transact(
              RowOps.DB,
              List.of(
                  new Operation.Select("NAT", List.of(), List.of("_uuid")),
                  new Operation.Select("Logical_Router_Policy", List.of(), List.of("_uuid")),
                  new Operation.Select(
                      "Logical_Router",
                      List.of(Condition.eq("name", RowOps.ROUTER)),
                      List.of("nat", "policies"))));
      Row router = r.get(2).selectedRows().get(0);
      int nats = r.get(0).selectedRows().size();
      int pols = r.get(1).selectedRows().size();
      int natRefs = size(router, "nat");
      int polRefs = size(router, "policies");
      if (nats != pods || natRefs != pods || pols != pods + 1 || polRefs != pods + 1) {
        throw new IllegalStateException(
            String.format(
                "expected %d NAT rows and %d policies, all referenced; found %d (%d referenced)"
                    + " and %d (%d referenced)",
                pods, pods + 1, nats, natRefs, pols, polRefs));
      }
    }
  }

  private static int size(Row row, String column) {
    return row.get(column).map(v -> ((OvsdbSet) v).elements().size()).orElse(0);
  }

  public static void natRows(String remotes, int expected) {
    try (OvsdbClient c =
        OvsdbClient.connect(
            OvsdbClientOptions.builder(remotes).callTimeout(Duration.ofSeconds(60)).build())) {
      natRows(c, expected);
    }
  }

  public static void natRows(OvsdbClient client, int expected) {
    List<OperationResult> r =
        client.transact(
            RowOps.DB,
            List.of(
                new Operation.Select("NAT", List.of(), List.of("_uuid")),
                new Operation.Select(
                    "Logical_Router",
                    List.of(Condition.eq("name", RowOps.ROUTER)),
                    List.of("nat"))));
    int nats = r.get(0).selectedRows().size();
    Row router = r.get(1).selectedRows().get(0);
    int refs = router.get("nat").map(v -> ((OvsdbSet) v).elements().size()).orElse(0);
    if (nats != expected || refs != expected) {
      throw new IllegalStateException(
          "expected "
              + expected
              + " NAT rows referenced from the router, found "
              + nats
              + " rows and "
              + refs
              + " references");
    }
  }
}

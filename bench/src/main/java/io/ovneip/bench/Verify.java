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
final class Verify {
  private Verify() {}

  static void natRows(String remotes, int expected) {
    try (OvsdbClient c =
        OvsdbClient.connect(
            OvsdbClientOptions.builder(remotes).callTimeout(Duration.ofSeconds(60)).build())) {
      natRows(c, expected);
    }
  }

  static void natRows(OvsdbClient client, int expected) {
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

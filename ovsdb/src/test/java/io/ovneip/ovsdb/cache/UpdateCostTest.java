package io.ovneip.ovsdb.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import io.ovneip.ovsdb.protocol.codec.Json;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An update costs what it changes, not the size of the table: counted in bytes the applying thread
 * allocates (HotSpot's per-thread counter), not timed. Copying a 20,000-row table's map, or a
 * 20,000-element set, allocates megabytes; changing one row or one element of a persistent trie, a
 * few kilobytes whatever the size.
 */
class UpdateCostTest {
  static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  static final String BIG = "99999999-9999-9999-9999-999999999999";

  /** A table of {@code n} rows, and row {@link #BIG} whose {@code set} holds {@code n} strings. */
  static Map<String, Map<Uuid, Row>> table(int n) {
    ObjectNode rows = Json.object();
    var elements = Json.array();
    for (int i = 0; i < n; i++) {
      rows.putObject(new UUID(1, i).toString()).putObject("insert").put("s", "row-" + i);
      elements.add("e" + i);
    }
    ObjectNode big = rows.putObject(BIG).putObject("insert");
    big.putArray("set").add("set").add(elements);
    ObjectNode updates = Json.object();
    updates.set("R", rows);
    Map<String, Map<Uuid, Row>> t = UpdateApplierTest.APPLIER.apply(Map.of(), updates).tables();
    // A first toggle turns the decoded set into a persistent one (once per set, not per update).
    return UpdateApplierTest.APPLIER.apply(t, toggle("first")).tables();
  }

  static JsonNode modifyOneRow(int n) {
    return Json.read("{\"R\":{\"" + new UUID(1, n / 2) + "\":{\"modify\":{\"s\":\"changed\"}}}}");
  }

  static JsonNode toggle(String element) {
    return Json.read("{\"R\":{\"" + BIG + "\":{\"modify\":{\"set\":\"" + element + "\"}}}}");
  }

  /** The fewest bytes one application of {@code update} allocated, over a few tries (warm-up). */
  static long allocated(Map<String, Map<Uuid, Row>> base, JsonNode update) {
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      long before = THREADS.getCurrentThreadAllocatedBytes();
      UpdateApplier.Result r = UpdateApplierTest.APPLIER.apply(base, update);
      long cost = THREADS.getCurrentThreadAllocatedBytes() - before;
      assertThat(r.changes().isEmpty()).isFalse();
      least = Math.min(least, cost);
    }
    return least;
  }

  @Test
  void changingOneRowOfABigTableCostsAboutWhatItCostsInASmallOne() {
    Map<String, Map<Uuid, Row>> small = table(200);
    Map<String, Map<Uuid, Row>> big = table(20_000);
    long smallCost = allocated(small, modifyOneRow(200));
    long bigCost = allocated(big, modifyOneRow(20_000));
    // A copy of the row map would allocate at least 20,000 entries (> 600 KB); a trie path, ~1 KB.
    assertThat(bigCost).isLessThan(16 * 1024);
    assertThat(bigCost).isLessThan(2 * smallCost + 4 * 1024);
  }

  @Test
  void addingOneElementToABigSetCostsAboutWhatItCostsInASmallOne() {
    Map<String, Map<Uuid, Row>> small = table(200);
    Map<String, Map<Uuid, Row>> big = table(20_000);
    long smallCost = allocated(small, toggle("new"));
    long bigCost = allocated(big, toggle("new"));
    assertThat(bigCost).isLessThan(16 * 1024);
    assertThat(bigCost).isLessThan(2 * smallCost + 4 * 1024);
    // And the toggle did what it should, leaving the base as it was.
    Row before = big.get("R").get(Uuid.of(BIG));
    Row after =
        UpdateApplierTest.APPLIER.apply(big, toggle("new")).tables().get("R").get(Uuid.of(BIG));
    assertThat(((io.ovneip.ovsdb.protocol.OvsdbSet) after.columns().get("set")).elements())
        .hasSize(20_002)
        .contains("new", "first", "e0");
    assertThat(((io.ovneip.ovsdb.protocol.OvsdbSet) before.columns().get("set")).elements())
        .hasSize(20_001)
        .doesNotContain("new");
  }
}

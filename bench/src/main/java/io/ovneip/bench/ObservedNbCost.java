package io.ovneip.bench;

import io.ovneip.model.nb.ExternalIds;
import io.ovneip.model.nb.NbTable;
import io.ovneip.model.nb.OwnerKey;
import io.ovneip.model.observed.ObservedNb;
import io.ovneip.model.observed.ObservedNbIndex;
import io.ovneip.model.observed.ObservedNbView;
import io.ovneip.model.observed.RowChange;
import io.ovneip.ovsdb.protocol.OvsdbMap;
import io.ovneip.ovsdb.protocol.OvsdbSet;
import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * What the controller pays to read Northbound per reconcile, at N pods with one NAT and one policy
 * each on one router (2N owned rows): the owner index's {@code observed(one owner)} and {@code
 * observed()} against the whole-table {@link ObservedNb#from} that {@code NorthboundDb.observed()}
 * ran before, plus what the index costs per replica update (one pod's rows added or removed, the
 * router's {@code nat} and {@code policies} rewritten). Medians of interleaved samples after a
 * warm-up (5 s), all in one run, so ratios are comparable even on a busy machine.
 *
 * <p>{@code java -cp bench/target/bench.jar io.ovneip.bench.ObservedNbCost [pods] [samples]}
 */
public final class ObservedNbCost {
  private static final String ROUTER = NbTable.LOGICAL_ROUTER;

  @SuppressWarnings("unused")
  private static volatile int sink;

  private final Map<String, Map<Uuid, Row>> tables = new HashMap<>();
  private final ObservedNbIndex index = new ObservedNbIndex();
  private final Uuid router = uuid(0);
  private long nextUuid = 1;

  private ObservedNbCost() {}

  public static void main(String[] args) {
    int pods = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int samples = args.length > 1 ? Integer.parseInt(args[1]) : 31;
    ObservedNbCost nb = new ObservedNbCost();
    nb.fill(pods);
    ObservedNbView view = nb.index.view();
    List<OwnerKey> one = List.of(owner(pods / 2));
    if (!view.observed().equals(ObservedNb.from(nb.tables))) {
      throw new IllegalStateException("the index does not show what ObservedNb.from computes");
    }
    Map<String, DoubleSupplier> cases = new LinkedHashMap<>();
    cases.put("ObservedNb.from(tables) (before)", () -> timed(1, () -> ObservedNb.from(nb.tables)));
    cases.put("index observed()", () -> timed(1, view::observed));
    cases.put("index observed(one owner)", () -> timed(10_000, () -> view.observed(one)));
    cases.put("ownedCounts() scan (before)", () -> timed(1, nb::scanCounts));
    cases.put("index ownedCounts()", () -> timed(10_000, view::ownedCounts));
    List<List<RowChange>> inOut = nb.podInAndOut();
    cases.put(
        "index update: one pod's rows in or out",
        () -> timed(10, () -> inOut.stream().map(nb.index::apply).toList()) / 2);
    // The same without the router's row: what the router's 2N references cost to compare.
    List<List<RowChange>> rowsOnly =
        inOut.stream()
            .map(l -> l.stream().filter(c -> !c.table().equals(ROUTER)).toList())
            .toList();
    cases.put(
        "  of which the pod's rows alone",
        () -> timed(10, () -> rowsOnly.stream().map(nb.index::apply).toList()) / 2);

    Map<String, double[]> nanos = new LinkedHashMap<>();
    cases.keySet().forEach(k -> nanos.put(k, new double[samples]));
    // Warm up by time, not rounds: at small N a few rounds leave the code interpreted.
    long warmUntil = System.nanoTime() + 5_000_000_000L;
    for (int round = 0; round < 10 || System.nanoTime() < warmUntil; round++) {
      cases.values().forEach(DoubleSupplier::getAsDouble);
    }
    for (int s = 0; s < samples; s++) {
      for (var c : cases.entrySet()) {
        nanos.get(c.getKey())[s] = c.getValue().getAsDouble();
      }
    }
    report(pods, nanos);
  }

  private static void report(int pods, Map<String, double[]> nanos) {
    System.out.printf("%d pods, %d owned rows; median per call%n", pods, 2 * pods);
    Map<String, Double> median = new LinkedHashMap<>();
    nanos.forEach(
        (k, v) -> {
          double[] sorted = v.clone();
          Arrays.sort(sorted);
          median.put(k, sorted[sorted.length / 2]);
        });
    median.forEach((k, m) -> System.out.printf("  %-42s %12.3f us%n", k, m / 1000));
    double from = median.get("ObservedNb.from(tables) (before)");
    System.out.printf(
        "  ratios: from / observed() = %.1fx, from / observed(one owner) = %.0fx,"
            + " observed() / observed(one owner) = %.0fx, scan / ownedCounts() = %.0fx%n",
        from / median.get("index observed()"),
        from / median.get("index observed(one owner)"),
        median.get("index observed()") / median.get("index observed(one owner)"),
        median.get("ownedCounts() scan (before)") / median.get("index ownedCounts()"));
  }

  /**
   * Nanoseconds per call of {@code work}, run {@code calls} times. Each result feeds {@link #sink}
   * so that the JIT cannot drop the work.
   */
  private static double timed(int calls, Supplier<?> work) {
    long start = System.nanoTime();
    int h = 0;
    for (int i = 0; i < calls; i++) {
      h += System.identityHashCode(work.get());
    }
    double nanos = (double) (System.nanoTime() - start) / calls;
    sink += h;
    return nanos;
  }

  private void fill(int pods) {
    List<RowChange> changes = new ArrayList<>();
    Set<Object> nats = new LinkedHashSet<>();
    Set<Object> policies = new LinkedHashSet<>();
    for (int i = 0; i < pods; i++) {
      nats.add(insert(tables, changes, "NAT", natColumns(i)));
      policies.add(insert(tables, changes, "Logical_Router_Policy", policyColumns(i)));
    }
    Row r = routerRow(nats, policies);
    tables.computeIfAbsent(ROUTER, t -> new HashMap<>()).put(router, r);
    changes.add(new RowChange(ROUTER, router, Optional.empty(), Optional.of(r)));
    index.apply(changes);
  }

  /**
   * One more pod's NAT and policy as the replica would report them, in (with the router's new
   * references) and out again; built once so that only the index's work is timed. {@link #tables}
   * is left as it is, so the other cases keep reading N pods.
   */
  private List<List<RowChange>> podInAndOut() {
    Row before = tables.get(ROUTER).get(router);
    Map<String, Map<Uuid, Row>> scratch = new HashMap<>();
    List<RowChange> in = new ArrayList<>();
    Uuid nat = insert(scratch, in, "NAT", natColumns(-1));
    Uuid policy = insert(scratch, in, "Logical_Router_Policy", policyColumns(-1));
    Set<Object> nats = new LinkedHashSet<>(((OvsdbSet) before.columns().get("nat")).elements());
    Set<Object> policies =
        new LinkedHashSet<>(((OvsdbSet) before.columns().get("policies")).elements());
    nats.add(nat);
    policies.add(policy);
    Row after = routerRow(nats, policies);
    in.add(new RowChange(ROUTER, router, Optional.of(before), Optional.of(after)));
    List<RowChange> out = new ArrayList<>();
    for (RowChange c : in) {
      out.add(new RowChange(c.table(), c.uuid(), c.after(), c.before()));
    }
    return List.of(in, out);
  }

  private Map<String, Integer> scanCounts() {
    Map<String, Integer> counts = new HashMap<>();
    for (NbTable t : NbTable.values()) {
      int n = 0;
      for (Row row : tables.getOrDefault(t.tableName(), Map.of()).values()) {
        n += ExternalIds.ownerOf(row).isPresent() ? 1 : 0;
      }
      counts.put(t.tableName(), n);
    }
    return counts;
  }

  private Uuid insert(
      Map<String, Map<Uuid, Row>> tables,
      List<RowChange> changes,
      String table,
      Map<String, Object> columns) {
    Uuid uuid = uuid(nextUuid++);
    Map<String, Object> cols = new HashMap<>(columns);
    cols.put("_uuid", uuid);
    Row row = Row.of(cols);
    tables.computeIfAbsent(table, t -> new HashMap<>()).put(uuid, row);
    changes.add(new RowChange(table, uuid, Optional.empty(), Optional.of(row)));
    return uuid;
  }

  private Row routerRow(Set<Object> nats, Set<Object> policies) {
    return Row.of(
        Map.of(
            "_uuid", router,
            "name", "ovn-cluster",
            "nat", OvsdbSet.ofAll(nats),
            "policies", OvsdbSet.ofAll(policies),
            "ports", OvsdbSet.empty(),
            "external_ids", OvsdbMap.empty()));
  }

  private static Map<String, Object> natColumns(int pod) {
    return Map.of(
        "type",
        "snat",
        "external_ip",
        "172.56.0.10",
        "logical_ip",
        ip(pod),
        "external_ids",
        ExternalIds.of(owner(pod)));
  }

  private static Map<String, Object> policyColumns(int pod) {
    return Map.of(
        "priority",
        31_900L,
        "match",
        "ip4.src == " + ip(pod),
        "action",
        "reroute",
        "external_ids",
        ExternalIds.of(owner(pod)));
  }

  private static OwnerKey owner(int pod) {
    return new OwnerKey("pod/default/pod-" + pod);
  }

  private static String ip(int pod) {
    return "10.16." + (pod / 250) % 256 + "." + (pod % 250 + 1);
  }

  private static Uuid uuid(long n) {
    return Uuid.of(String.format("00000000-0000-4000-8000-%012d", n));
  }
}

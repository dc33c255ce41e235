package io.ovneip.bench.memory;

import io.ovneip.bench.Args;
import io.ovneip.bench.Machine;
import io.ovneip.bench.NbDb;
import io.ovneip.bench.RawOvsdb;
import io.ovneip.controller.ovn.NorthboundDb;
import io.ovneip.model.nb.NbReadColumns;
import io.ovneip.ovsdb.cache.ReplicaSize;
import io.ovneip.ovsdb.client.OvsdbClient;
import io.ovneip.ovsdb.client.OvsdbClientOptions;
import io.ovneip.ovsdb.protocol.Condition;
import io.ovneip.ovsdb.protocol.Mutation;
import io.ovneip.ovsdb.protocol.NamedUuid;
import io.ovneip.ovsdb.protocol.Operation;
import io.ovneip.ovsdb.protocol.OvsdbMap;
import io.ovneip.ovsdb.protocol.OvsdbSet;
import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 16's memory benchmark: an NB holding one {@code Logical_Switch_Port} per pod (Kube-OVN's
 * columns: addresses, port security, external ids, options), written in a few big transactions;
 * then the controller's Northbound side ({@link NorthboundDb}: the replica, the owner index and the
 * foreign facts) is opened in this JVM, once monitoring every column (as before issue 16) and once
 * only the columns it reads, and measured:
 *
 * <ul>
 *   <li>the heap it adds, after a full GC (used heap with it open minus used heap before);
 *   <li>its replica's rows and estimated bytes ({@link ReplicaSize});
 *   <li>what one update costs: bytes the replica's thread allocates (applying the update, indexing
 *       it, telling the listeners) for a pod's port coming and going, which also adds and removes
 *       one element of the switch's {@code ports}, a set as big as the cluster. Counted per update
 *       at two sizes of NB: equal figures mean an update costs what it changes.
 * </ul>
 *
 * <p>Usage: {@code MemoryBench [--pods 100000] [--small 10000] [--churn 200] [--out
 * bench/results]}.
 */
public final class MemoryBench {
  private static final String DB = "OVN_Northbound";
  private static final String SWITCH = "ovn-default";
  private static final int BATCH = 10_000;
  private static final Duration WAIT = Duration.ofMinutes(5);

  /** One opening of the NB side at one size with one column choice. */
  record Result(
      int pods,
      NorthboundDb.Columns columns,
      double syncSeconds,
      long initialJsonBytes,
      long heapBytes,
      ReplicaSize size,
      long[] perUpdateBytes) {}

  public static void main(String[] argv) throws Exception {
    Args a =
        Args.parse(argv)
            .allow(
                "MemoryBench [--pods 100000] [--small 10000] [--churn 200] [--out bench/results]",
                "pods",
                "small",
                "churn",
                "out");
    int pods = a.integer("pods", 100_000);
    int small = a.integer("small", 10_000);
    int churn = a.integer("churn", 200);
    Path out = Path.of(a.string("out", "bench/results"));
    Machine machine = Machine.describe();
    List<Result> results = new ArrayList<>();
    double fillSeconds;
    try (NbDb db = NbDb.start(NbDb.Mode.STANDALONE);
        OvsdbClient writer =
            OvsdbClient.connect(
                OvsdbClientOptions.builder(db.unixRemotes())
                    .callTimeout(Duration.ofMinutes(2))
                    .build())) {
      writer.transact(
          DB,
          List.of(new Operation.Insert("Logical_Switch", Row.of(Map.of("name", SWITCH)), null)));
      long t0 = System.nanoTime();
      fill(writer, 0, small);
      double smallFill = (System.nanoTime() - t0) / 1e9;
      // ALL first: "before"; then what the controller does now.
      List<NorthboundDb.Columns> order =
          List.of(NorthboundDb.Columns.ALL, NorthboundDb.Columns.READ);
      for (NorthboundDb.Columns c : order) {
        results.add(measure(db, small, c, churn));
      }
      long t1 = System.nanoTime();
      fill(writer, small, pods);
      fillSeconds = smallFill + (System.nanoTime() - t1) / 1e9;
      for (NorthboundDb.Columns c : order) {
        results.add(measure(db, pods, c, churn));
      }
    }
    String md = MemoryReport.markdown(machine, pods, small, churn, fillSeconds, results);
    Files.createDirectories(out);
    Files.writeString(out.resolve("memory.md"), md);
    System.out.println(md);
  }

  /** Pods {@code from} to {@code to}, in transactions of {@link #BATCH} ports each. */
  private static void fill(OvsdbClient writer, int from, int to) {
    for (int start = from; start < to; start += BATCH) {
      List<Operation> ops = new ArrayList<>();
      List<Object> refs = new ArrayList<>();
      for (int i = start; i < Math.min(to, start + BATCH); i++) {
        NamedUuid ref = new NamedUuid("lsp" + i);
        ops.add(new Operation.Insert("Logical_Switch_Port", podPort(i), ref.name()));
        refs.add(ref);
      }
      ops.add(addPorts(refs));
      writer.transact(DB, ops);
    }
  }

  private static Operation addPorts(List<Object> refs) {
    return new Operation.Mutate(
        "Logical_Switch",
        List.of(Condition.eq("name", SWITCH)),
        List.of(Mutation.insert("ports", OvsdbSet.ofAll(refs))));
  }

  /** What Kube-OVN writes for a pod's port (docs/behaviour.md §2.3 reads its addresses). */
  static Row podPort(int i) {
    String ip = "10." + (16 + (i >> 16)) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff);
    String mac =
        String.format(
            Locale.ROOT, "0a:58:0a:%02x:%02x:%02x", (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff);
    String pod = "pod-" + i;
    Map<String, Object> cols = new LinkedHashMap<>();
    cols.put("name", pod + ".bench");
    cols.put("addresses", OvsdbSet.of(mac + " " + ip));
    cols.put("port_security", OvsdbSet.of(mac + " " + ip));
    cols.put(
        "external_ids",
        OvsdbMap.of(
            Map.of(
                "vendor",
                "kube-ovn",
                "ls",
                SWITCH,
                "pod",
                "bench/" + pod,
                "ip",
                ip,
                "attachment-provider",
                "")));
    cols.put("options", OvsdbMap.of(Map.of("requested-chassis", "node-" + (i % 100))));
    cols.put("enabled", OvsdbSet.of(true));
    cols.put("up", OvsdbSet.of(true));
    return Row.of(cols);
  }

  private static Result measure(NbDb db, int pods, NorthboundDb.Columns columns, int churn)
      throws InterruptedException {
    long json = initialJsonBytes(db, columns);
    long before = usedAfterGc();
    try (OvsdbClient client =
        OvsdbClient.connect(
            OvsdbClientOptions.builder(db.unixRemotes())
                .callTimeout(Duration.ofMinutes(2))
                .build())) {
      long t0 = System.nanoTime();
      NorthboundDb nb = new NorthboundDb(client, WAIT, columns);
      try {
        nb.awaitInitial(WAIT);
        double sync = (System.nanoTime() - t0) / 1e9;
        long heap = usedAfterGc() - before;
        ReplicaSize size = nb.replicaSize();
        long[] perUpdate = churn(client, nb, churn);
        System.out.printf(
            "%d pods, %s columns: heap %d MiB, replica %d rows ~%d MiB, update median %d B%n",
            pods,
            columns,
            heap >> 20,
            size.totalRows(),
            size.totalBytes() >> 20,
            perUpdate[perUpdate.length / 2]);
        return new Result(pods, columns, sync, json, heap, size, perUpdate);
      } finally {
        nb.close();
      }
    }
  }

  /**
   * A pod's port in and out, {@code n} times, through {@link NorthboundDb#apply} (which returns
   * once the index shows the change); the bytes the replica's thread allocated for each, sorted.
   */
  private static long[] churn(OvsdbClient client, NorthboundDb nb, int n) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long replicaThread = replicaThreadId();
    // Warm-up: the first updates load classes and convert the decoded ports set (once).
    for (int i = 0; i < 20; i++) {
      podInAndOut(nb, -1 - i);
    }
    long[] bytes = new long[2 * n];
    for (int i = 0; i < n; i++) {
      long a = threads.getThreadAllocatedBytes(replicaThread);
      Uuid u = insertPod(nb, 1_000_000 + i);
      long b = threads.getThreadAllocatedBytes(replicaThread);
      deletePod(nb, u);
      long c = threads.getThreadAllocatedBytes(replicaThread);
      bytes[2 * i] = b - a;
      bytes[2 * i + 1] = c - b;
    }
    Arrays.sort(bytes);
    return bytes;
  }

  private static void podInAndOut(NorthboundDb nb, int i) {
    deletePod(nb, insertPod(nb, 2_000_000 - i));
  }

  private static Uuid insertPod(NorthboundDb nb, int i) {
    NamedUuid ref = new NamedUuid("churn");
    List<Operation> ops =
        List.of(
            new Operation.Insert("Logical_Switch_Port", podPort(i), ref.name()),
            addPorts(List.of(ref)));
    // apply waits until the replica, and the index, show the inserted row.
    return nb.apply(ops, List.of()).inserted().iterator().next();
  }

  private static void deletePod(NorthboundDb nb, Uuid port) {
    nb.apply(
        List.of(
            new Operation.Mutate(
                "Logical_Switch",
                List.of(Condition.eq("name", SWITCH)),
                List.of(Mutation.delete("ports", OvsdbSet.of(port))))),
        List.of(port));
  }

  /**
   * The size of the monitor's initial reply (the largest message the controller reads at start),
   * asked for with the same tables and columns by the raw client.
   */
  private static long initialJsonBytes(NbDb db, NorthboundDb.Columns columns) {
    StringBuilder req =
        new StringBuilder("{\"method\":\"monitor_cond\",\"params\":[\"" + DB + "\",\"size\",{");
    String sep = "";
    for (Map.Entry<String, List<String>> t : NbReadColumns.BY_TABLE.entrySet()) {
      req.append(sep).append('"').append(t.getKey()).append("\":[{");
      if (columns == NorthboundDb.Columns.READ) {
        req.append("\"columns\":[");
        req.append(String.join(",", t.getValue().stream().map(c -> '"' + c + '"').toList()));
        req.append(']');
      }
      req.append("}]");
      sep = ",";
    }
    req.append("}],\"id\":7}");
    try (RawOvsdb raw = RawOvsdb.connect(db.unixRemotes())) {
      RawOvsdb.Reply r = raw.call(req.toString().getBytes(StandardCharsets.UTF_8), 7, WAIT);
      if (!r.text().contains("\"error\":null")) {
        throw new IllegalStateException("monitor_cond failed: " + r.text().substring(0, 300));
      }
      return r.text().length();
    }
  }

  private static long replicaThreadId() {
    long id = -1;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("ovsdb-replica-" + DB) && t.isAlive()) {
        id = Math.max(id, t.getId());
      }
    }
    if (id < 0) {
      throw new IllegalStateException("no replica thread");
    }
    return id;
  }

  private static long usedAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}

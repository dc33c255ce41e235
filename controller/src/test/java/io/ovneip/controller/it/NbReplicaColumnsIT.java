package io.ovneip.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ovneip.controller.ovn.NorthboundDb;
import io.ovneip.model.input.NorthboundFacts;
import io.ovneip.model.input.PodRef;
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
import io.ovneip.testkit.KubeOvnBaseTopology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The controller replicates only the NB columns it reads (issue 16): with 5,000 pods' ports as
 * Kube-OVN writes them, its replica holds every port, a pod's port still tells the pod's IP and
 * switch (docs/behaviour.md §2.3), a later edit of a read column still arrives, and the replica is
 * smaller than one of every column by what the unread columns hold. Counted, not timed.
 */
class NbReplicaColumnsIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int PODS = 5_000;

  private OvnFixture ovn;
  private OvsdbClient client;

  @BeforeEach
  void start() {
    ovn = new OvnFixture().withBaseTopology();
    client = OvsdbClient.connect(OvsdbClientOptions.of(ovn.nb.tcpRemote()));
    List<Operation> ops = new ArrayList<>();
    List<Object> refs = new ArrayList<>();
    for (int i = 0; i < PODS; i++) {
      NamedUuid ref = new NamedUuid("p" + i);
      ops.add(new Operation.Insert("Logical_Switch_Port", podPort(i), ref.name()));
      refs.add(ref);
    }
    ops.add(
        new Operation.Mutate(
            "Logical_Switch",
            List.of(Condition.eq("name", KubeOvnBaseTopology.SWITCH)),
            List.of(Mutation.insert("ports", OvsdbSet.ofAll(refs)))));
    client.transact(NorthboundDb.DB, ops);
  }

  @AfterEach
  void stop() {
    client.close();
    ovn.close();
  }

  static String ip(int i) {
    return "10.16." + (i >> 8) + "." + (i & 0xff);
  }

  static String mac(int i) {
    return String.format("0a:58:0a:10:%02x:%02x", (i >> 8) & 0xff, i & 0xff);
  }

  /** A pod's port with Kube-OVN's columns, read ones and unread ones. */
  static Row podPort(int i) {
    Map<String, Object> cols = new LinkedHashMap<>();
    cols.put("name", "pod-" + i + ".bench");
    cols.put("addresses", OvsdbSet.of(mac(i) + " " + ip(i)));
    cols.put("port_security", OvsdbSet.of(mac(i) + " " + ip(i)));
    cols.put(
        "external_ids",
        OvsdbMap.of(
            Map.of(
                "vendor",
                "kube-ovn",
                "ls",
                KubeOvnBaseTopology.SWITCH,
                "pod",
                "bench/pod-" + i,
                "ip",
                ip(i))));
    cols.put("options", OvsdbMap.of(Map.of("requested-chassis", "node-" + (i % 10))));
    cols.put("enabled", OvsdbSet.of(true));
    cols.put("up", OvsdbSet.of(true));
    cols.put("dhcpv4_options", OvsdbSet.empty());
    return Row.of(cols);
  }

  @Test
  void theReplicaHoldsEveryPortButOnlyTheColumnsTheControllerReads() {
    ReplicaSize read;
    ReplicaSize all;
    try (NorthboundDb nb = new NorthboundDb(client, WAIT, NorthboundDb.Columns.READ)) {
      nb.awaitInitial(WAIT);
      read = nb.replicaSize();
      NorthboundFacts facts = nb.facts().forRouter(KubeOvnBaseTopology.ROUTER);
      Optional<NorthboundFacts.PodPort> port = facts.podPort(new PodRef("bench", "pod-1234"));
      assertThat(port).isPresent();
      assertThat(port.get().addresses()).containsExactly(mac(1234) + " " + ip(1234));
      assertThat(port.get().switchName()).isEqualTo(KubeOvnBaseTopology.SWITCH);

      // An edit of a read column of a pod's port arrives through the trimmed monitor.
      ovn.nbctl("lsp-set-addresses", "pod-7.bench", mac(7) + " 10.16.200.7");
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(
                          nb.facts()
                              .forRouter(KubeOvnBaseTopology.ROUTER)
                              .podPort(new PodRef("bench", "pod-7"))
                              .orElseThrow()
                              .addresses())
                      .containsExactly(mac(7) + " 10.16.200.7"));
    }
    try (NorthboundDb nb = new NorthboundDb(client, WAIT, NorthboundDb.Columns.ALL)) {
      nb.awaitInitial(WAIT);
      all = nb.replicaSize();
    }
    assertThat(read.rows()).isEqualTo(all.rows());
    assertThat(read.rows().get("Logical_Switch_Port")).isGreaterThan(PODS);
    // Each pod's port drops at least port_security (~60 bytes of text) and the dozen other
    // columns Kube-OVN or OVN fill in: the read replica is smaller by well over that per pod.
    long savedPerPod =
        (all.bytes().get("Logical_Switch_Port") - read.bytes().get("Logical_Switch_Port")) / PODS;
    assertThat(savedPerPod).isGreaterThan(200);
  }
}

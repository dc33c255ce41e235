package io.ovneip.ovsdb.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ovneip.ovsdb.cache.MonitorRequest;
import io.ovneip.ovsdb.cache.Replica;
import io.ovneip.testkit.OvsdbCluster;
import io.ovneip.testkit.OvsdbExtension;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A 3-member RAFT OVN_Northbound: leader-only connections, failover, resumable monitors. */
@ExtendWith(OvsdbExtension.class)
class ClusterIT {
  static final List<String> COLS = List.of("name");

  static OvsdbClientOptions options(OvsdbCluster cluster) {
    return OvsdbClientOptions.builder(cluster.remotes())
        .callTimeout(Duration.ofSeconds(5))
        .backoff(Duration.ofMillis(50), Duration.ofMillis(500))
        .inactivityProbe(Duration.ofSeconds(2))
        .build();
  }

  static void insertRouter(OvsdbClient client, String name) {
    client.transact(Nb.DB, List.of(Nb.insertRouter(name)));
  }

  static Set<String> routerNames(OvsdbClient client) {
    return Replicas.selectAll(client, Nb.DB, "Logical_Router", COLS).values().stream()
        .map(r -> (String) r.columns().get("name"))
        .collect(Collectors.toSet());
  }

  @Test
  void connectsToTheLeaderOnly(OvsdbCluster cluster) {
    int leader = cluster.awaitLeader(Duration.ofSeconds(10));
    try (OvsdbClient client = OvsdbClient.connect(options(cluster))) {
      assertThat(client.connectedRemote().orElseThrow().toString())
          .isEqualTo(cluster.member(leader).tcpRemote());
    }
  }

  /**
   * A single remote (as a Service address in front of the cluster is) gets the same leader check as
   * a list: a follower is not used; the leader is.
   */
  @Test
  void aSingleFollowerRemoteIsNotUsedButTheLeaderIs(OvsdbCluster cluster) {
    int leader = cluster.awaitLeader(Duration.ofSeconds(10));
    int follower = (leader + 1) % cluster.size();
    OvsdbClientOptions followerOnly =
        OvsdbClientOptions.builder(cluster.member(follower).tcpRemote())
            .callTimeout(Duration.ofSeconds(2))
            .connectTimeout(Duration.ofSeconds(3))
            .backoff(Duration.ofMillis(50), Duration.ofMillis(500))
            .build();
    assertThatThrownBy(() -> OvsdbClient.connect(followerOnly).close())
        .isInstanceOf(OvsdbTimeoutException.class)
        .hasMessageContaining("is not the leader");

    OvsdbClientOptions leaderOnly =
        OvsdbClientOptions.builder(cluster.member(leader).tcpRemote())
            .callTimeout(Duration.ofSeconds(5))
            .build();
    try (OvsdbClient client = OvsdbClient.connect(leaderOnly)) {
      assertThat(client.connectedRemote().orElseThrow().toString())
          .isEqualTo(cluster.member(leader).tcpRemote());
      insertRouter(client, "through-the-single-remote");
      assertThat(routerNames(client)).contains("through-the-single-remote");
    }
  }

  @Test
  void resumedMonitorReceivesOnlyTheDelta(OvsdbCluster cluster) {
    try (OvsdbClient client = OvsdbClient.connect(options(cluster));
        OvsdbClient writer = OvsdbClient.connect(options(cluster))) {
      for (int i = 0; i < 20; i++) {
        insertRouter(writer, "r" + i);
      }
      Replica replica =
          Replica.open(
              client, Nb.DB, MonitorRequest.builder().table("Logical_Router", "name").build());
      replica.awaitInitial(Duration.ofSeconds(10));
      assertThat(replica.snapshot().table("Logical_Router")).hasSize(20);
      assertThat(replica.snapshot().lastTxnId()).isPresent();

      // Every member drops its clients; the replica resumes from its last transaction id.
      String before = client.connectedRemote().orElseThrow().toString();
      for (int i = 0; i < cluster.size(); i++) {
        cluster.member(i).appctl("ovsdb-server/reconnect");
      }
      insertRouter(writer, "while-reconnecting");
      await().atMost(Duration.ofSeconds(15)).until(() -> replica.stats().resumes() == 1);
      insertRouter(writer, "after");
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(Replicas.project(replica.snapshot(), "Logical_Router", COLS))
                      .isEqualTo(Replicas.selectAll(client, Nb.DB, "Logical_Router", COLS)));
      assertThat(replica.stats().fullSyncs()).as("only the first sync was full").isEqualTo(1);
      assertThat(replica.snapshot().table("Logical_Router")).hasSize(22);
      assertThat(before).isNotEmpty();
    }
  }

  @Test
  void followsTheNewLeaderWhenTheLeaderDiesWithoutLosingAcknowledgedWrites(OvsdbCluster cluster)
      throws Exception {
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicInteger failures = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    try (OvsdbClient client = OvsdbClient.connect(options(cluster))) {
      Replica replica =
          Replica.open(
              client, Nb.DB, MonitorRequest.builder().table("Logical_Router", "name").build());
      replica.awaitInitial(Duration.ofSeconds(10));
      Thread writer =
          new Thread(
              () -> {
                for (int i = 0; !stop.get(); i++) {
                  String name = "w" + i;
                  try {
                    insertRouter(client, name);
                    acknowledged.add(name);
                  } catch (OvsdbException e) {
                    failures.incrementAndGet(); // outcome unknown: not counted as acknowledged
                  }
                }
              });
      writer.start();
      try {
        await().atMost(Duration.ofSeconds(10)).until(() -> acknowledged.size() >= 30);
        int leader = cluster.awaitLeader(Duration.ofSeconds(5));
        String leaderRemote = cluster.member(leader).tcpRemote();
        assertThat(client.connectedRemote().orElseThrow().toString()).isEqualTo(leaderRemote);

        cluster.kill(leader);
        int atKill = acknowledged.size();
        await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= atKill + 30);
        int newLeader = cluster.awaitLeader(Duration.ofSeconds(10));
        assertThat(newLeader).isNotEqualTo(leader);
        assertThat(client.connectedRemote().orElseThrow().toString())
            .isEqualTo(cluster.member(newLeader).tcpRemote());
      } finally {
        stop.set(true);
        writer.join(30_000);
      }
      assertThat(writer.isAlive()).isFalse();
      Set<String> stored = routerNames(client);
      assertThat(stored).containsAll(acknowledged);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(
                          replica.snapshot().table("Logical_Router").values().stream()
                              .map(r -> (String) r.columns().get("name"))
                              .collect(Collectors.toSet()))
                      .isEqualTo(routerNames(client)));
    }
  }
}

package io.ovneip.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(OvsdbExtension.class)
class OvsdbClusterIT {

  @Test
  void electsANewLeaderWhenTheLeaderDiesAndTheOldOneRejoins(OvsdbCluster cluster) {
    assertThat(cluster.size()).isEqualTo(3);
    assertThat(cluster.remotes().split(","))
        .hasSize(3)
        .allMatch(r -> r.startsWith("tcp:127.0.0.1:"));
    int leader = cluster.awaitLeader(Duration.ofSeconds(10));
    for (int i = 0; i < 3; i++) {
      assertThat(cluster.member(i).ovsdbClient("list-dbs")).contains("OVN_Northbound");
    }

    cluster.kill(leader);
    int next = cluster.awaitLeader(Duration.ofSeconds(20));
    assertThat(next).isNotEqualTo(leader);

    cluster.restart(leader);
    assertThat(cluster.member(leader).isRunning()).isTrue();
    Waits.require(
        Duration.ofSeconds(20),
        "the restarted member to rejoin",
        () ->
            cluster
                .member(leader)
                .appctl("cluster/status", "OVN_Northbound")
                .contains("Role: follower"));
  }

  @Test
  void closeStopsEveryMember() {
    OvsdbCluster cluster = OvsdbCluster.start();
    List<Long> pids = new ArrayList<>();
    for (int i = 0; i < cluster.size(); i++) {
      pids.add(cluster.member(i).pid());
    }
    cluster.close();
    assertThat(pids).noneMatch(Processes::alive);
  }
}

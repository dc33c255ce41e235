package io.ovneip.controller.it;

import static io.ovneip.controller.it.ControllerHarness.SEED_CONFIG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ovneip.controller.Controller;
import io.ovneip.model.input.GatewaySettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two replicas on one API and one NB: exactly one writes; when it stops, the other takes over. */
class LeaderElectionIT extends ControllerItBase {
  private static final Duration WAIT = Duration.ofSeconds(40);

  @BeforeEach
  void setUp() {
    ovn.withChassis("chassis-worker", "kube-ovn-worker");
    ControllerHarness.node(client, "kube-ovn-worker", "chassis-worker");
    ControllerHarness.configMap(client, SEED_CONFIG);
  }

  @Test
  void exactlyOneReplicaWritesAndTheOtherTakesOverWhenItStops() {
    Controller a = start("replica-a");
    Controller b = start("replica-b");
    try {
      await().atMost(WAIT).until(() -> a.isLeading() || b.isLeading());
      Controller leader = a.isLeading() ? a : b;
      Controller follower = leader == a ? b : a;
      await().atMost(WAIT).until(() -> ovn.nbctl("show").contains("ovn-cluster-external"));
      await().atMost(WAIT).until(leader::idle);
      assertThat(follower.isLeading()).isFalse();
      assertThat(follower.metrics().transactions.get()).isZero();
      assertThat(leader.metrics().transactions.get()).isPositive();
      String holder =
          client
              .leases()
              .inNamespace("kube-system")
              .withName("ovn-eip-controller")
              .get()
              .getSpec()
              .getHolderIdentity();
      assertThat(holder).isEqualTo(leader == a ? "replica-a" : "replica-b");

      leader.close();
      await().atMost(WAIT).until(follower::isLeading);
      Map<String, String> changed = new HashMap<>(SEED_CONFIG);
      changed.put("nic-ip", "172.56.0.100/16");
      ControllerHarness.configMap(client, changed);
      await().atMost(WAIT).until(() -> ovn.nbctl("show").contains("172.56.0.100/16"));
      assertThat(follower.metrics().transactions.get()).isPositive();
    } finally {
      a.close();
      b.close();
    }
  }

  private Controller start(String identity) {
    return Controller.start(
        ControllerHarness.options(ovn, GatewaySettings.defaults(), true, identity), client);
  }
}

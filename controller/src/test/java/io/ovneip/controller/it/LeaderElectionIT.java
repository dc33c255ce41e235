package io.ovneip.controller.it;

import static io.ovneip.controller.it.ControllerHarness.SEED_CONFIG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.ovneip.controller.Controller;
import io.ovneip.controller.ControllerOptions;
import io.ovneip.controller.leader.LeaderGate;
import io.ovneip.model.input.GatewaySettings;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
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

  /**
   * Issue 13, situation 1: another identity holds the Lease for a while, then lets it expire. While
   * it holds, the replica writes nothing; afterwards it leads again and handles what changed.
   */
  @Test
  void aLeaseTakenByAnotherHolderIsSoughtAgainAndTakenBack() throws Exception {
    Controller a = startFast("replica-a");
    try {
      await().atMost(WAIT).until(a::isLeading);
      await().atMost(WAIT).until(() -> ovn.nbctl("show").contains("172.56.0.254/16"));
      await().atMost(WAIT).until(a::idle);

      long stealUntil = System.nanoTime() + Duration.ofSeconds(6).toNanos();
      steal("intruder");
      await().atMost(WAIT).until(() -> !a.isLeading());
      Map<String, String> changed = new HashMap<>(SEED_CONFIG);
      changed.put("nic-ip", "172.56.0.100/16");
      ControllerHarness.configMap(client, changed);
      while (System.nanoTime() < stealUntil) {
        steal("intruder"); // the intruder renews, as a partitioned replica that came back would
        assertThat(a.isLeading()).isFalse();
        Thread.sleep(500);
      }
      assertThat(ovn.nbctl("show")).doesNotContain("172.56.0.100/16");

      // The intruder stops renewing: its Lease expires and the replica takes it back.
      await().atMost(WAIT).until(a::isLeading);
      await().atMost(WAIT).until(() -> ovn.nbctl("show").contains("172.56.0.100/16"));
      assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("replica-a");
      assertThat(a.healthy()).isTrue();
    } finally {
      a.close();
    }
  }

  /** Writes {@code holder} into the Lease as a fresh holding, as another replica's acquire does. */
  private void steal(String holder) {
    Lease lease = lease();
    LeaseSpec spec = lease.getSpec();
    if (!holder.equals(spec.getHolderIdentity())) {
      spec.setLeaseTransitions(
          spec.getLeaseTransitions() == null ? 1 : spec.getLeaseTransitions() + 1);
      spec.setAcquireTime(ZonedDateTime.now(ZoneOffset.UTC));
    }
    spec.setHolderIdentity(holder);
    spec.setLeaseDurationSeconds((int) FAST.leaseDuration().toSeconds());
    spec.setRenewTime(ZonedDateTime.now(ZoneOffset.UTC));
    client.leases().inNamespace("kube-system").resource(lease).update();
  }

  private Lease lease() {
    return client.leases().inNamespace("kube-system").withName("ovn-eip-controller").get();
  }

  private Controller start(String identity) {
    return Controller.start(
        ControllerHarness.options(ovn, GatewaySettings.defaults(), true, identity), client);
  }

  /** Short Lease timing, so a lost Lease expires within the test's patience. */
  static final LeaderGate.Timing FAST =
      new LeaderGate.Timing(Duration.ofSeconds(4), Duration.ofSeconds(3), Duration.ofMillis(500));

  private Controller startFast(String identity) {
    ControllerOptions o =
        ControllerHarness.options(ovn, GatewaySettings.defaults(), true, identity);
    return Controller.start(
        new ControllerOptions(
            o.gateway(),
            o.ovn(),
            o.kubeconfig(),
            new ControllerOptions.Election(
                true, "kube-system", "ovn-eip-controller", identity, FAST),
            o.resyncPeriod()),
        client);
  }
}

package io.ovneip.controller.it;

import static io.ovneip.controller.it.ControllerHarness.SEED_CONFIG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.ovneip.controller.Controller;
import io.ovneip.controller.ControllerOptions;
import io.ovneip.controller.ovn.NorthboundDb;
import io.ovneip.model.input.GatewaySettings;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/behaviour.md §9.1: a leader that stalls right before sending, and is deposed meanwhile, has
 * that transaction refused by the server once it resumes; its successor's rows stay as they are.
 */
class WriterFenceIT extends ControllerItBase {
  private static final Duration WAIT = Duration.ofSeconds(40);

  @BeforeEach
  void setUp() {
    ovn.withChassis("chassis-worker", "kube-ovn-worker");
    ControllerHarness.node(client, "kube-ovn-worker", "chassis-worker");
    ControllerHarness.configMap(client, SEED_CONFIG);
  }

  @Test
  void aDeposedLeaderThatStalledBeforeSendingChangesNothing() throws Exception {
    Controller a = start("replica-a");
    Controller b = null;
    CountDownLatch stalled = new CountDownLatch(1);
    CountDownLatch resume = new CountDownLatch(1);
    AtomicBoolean armed = new AtomicBoolean(false);
    try {
      await().atMost(WAIT).until(a::isLeading);
      await().atMost(WAIT).until(() -> ovn.nbctl("show").contains("172.56.0.254/16"));
      await().atMost(WAIT).until(a::idle);
      assertThat(nbGlobalExternalIds()).contains(NorthboundDb.EPOCH_KEY + "=\"replica-a/");
      String before = routerPorts();

      // A builds the transaction for a new nic-ip, then stalls right before sending it.
      a.northboundForTests()
          .beforeSendForTests(
              ops -> {
                if (armed.compareAndSet(true, false)) {
                  stalled.countDown();
                  try {
                    resume.await(60, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }
              });
      armed.set(true);
      Map<String, String> changed = new HashMap<>(SEED_CONFIG);
      changed.put("nic-ip", "172.56.0.100/16");
      ControllerHarness.configMap(client, changed);
      assertThat(stalled.await(40, TimeUnit.SECONDS)).isTrue();
      // Meanwhile the config goes back, and B takes the Lease (as after A's Lease expired).
      ControllerHarness.configMap(client, SEED_CONFIG);
      b = start("replica-b");
      handLeaseTo("replica-b");
      Controller successor = b;
      await().atMost(WAIT).until(successor::isLeading);
      await().atMost(WAIT).until(() -> nbGlobalExternalIds().contains("replica-b/"));
      await().atMost(WAIT).until(successor::idle);
      assertThat(routerPorts()).isEqualTo(before);
      double errorsBefore = a.metrics().reconcileErrors.get();

      // A resumes and sends what it built as leader: the server refuses it.
      resume.countDown();
      await().atMost(WAIT).until(() -> a.metrics().reconcileErrors.get() > errorsBefore);
      await().atMost(WAIT).until(successor::idle);
      assertThat(ovn.nbctl("show")).doesNotContain("172.56.0.100/16");
      // Not written and repaired: the very rows B kept are there, untouched.
      assertThat(routerPorts()).isEqualTo(before);
      assertThat(nbGlobalExternalIds()).contains(NorthboundDb.EPOCH_KEY + "=\"replica-b/");
      assertThat(a.isLeading()).isFalse();
    } finally {
      resume.countDown();
      a.close();
      if (b != null) {
        b.close();
      }
    }
  }

  /**
   * NB restored from a backup records an older epoch (or none): the leader, still holding the
   * Lease, records its own again instead of failing every transaction's wait, and goes on writing.
   */
  @Test
  void theLeaderRecordsItsEpochAgainAfterNbLostIt() {
    Controller a = start("replica-a");
    try {
      await().atMost(WAIT).until(a::isLeading);
      await().atMost(WAIT).until(() -> ovn.nbctl("show").contains("172.56.0.254/16"));
      await().atMost(WAIT).until(a::idle);
      // As a backup taken under an earlier leader leaves it.
      ovn.nbctl(
          "set", "NB_Global", ".", "external_ids:" + NorthboundDb.EPOCH_KEY + "=\"replica-old/0\"");
      Map<String, String> changed = new HashMap<>(SEED_CONFIG);
      changed.put("nic-ip", "172.56.0.100/16");
      ControllerHarness.configMap(client, changed);
      await().atMost(WAIT).until(() -> ovn.nbctl("show").contains("172.56.0.100/16"));
      assertThat(nbGlobalExternalIds()).contains(NorthboundDb.EPOCH_KEY + "=\"replica-a/");
    } finally {
      a.close();
    }
  }

  private String routerPorts() {
    return ovn.nbctl(
        "--format=csv", "--columns=_uuid,name,networks", "list", "Logical_Router_Port");
  }

  private String nbGlobalExternalIds() {
    return ovn.nbctl("get", "NB_Global", ".", "external_ids");
  }

  /** Writes {@code holder} into the Lease as a fresh holding, as another replica's acquire does. */
  private void handLeaseTo(String holder) {
    Lease lease = client.leases().inNamespace("kube-system").withName("ovn-eip-controller").get();
    LeaseSpec spec = lease.getSpec();
    spec.setLeaseTransitions(
        spec.getLeaseTransitions() == null ? 1 : spec.getLeaseTransitions() + 1);
    spec.setAcquireTime(ZonedDateTime.now(ZoneOffset.UTC));
    spec.setHolderIdentity(holder);
    spec.setLeaseDurationSeconds((int) LeaderElectionIT.FAST.leaseDuration().toSeconds());
    spec.setRenewTime(ZonedDateTime.now(ZoneOffset.UTC));
    client.leases().inNamespace("kube-system").resource(lease).update();
  }

  private Controller start(String identity) {
    ControllerOptions o =
        ControllerHarness.options(ovn, GatewaySettings.defaults(), true, identity);
    return Controller.start(
        new ControllerOptions(
            o.gateway(),
            o.ovn(),
            o.kubeconfig(),
            new ControllerOptions.Election(
                true, "kube-system", "ovn-eip-controller", identity, LeaderElectionIT.FAST),
            o.resyncPeriod()),
        client);
  }
}

package io.ovneip.agent;

import io.ovneip.model.ovs.AgentInput;
import io.ovneip.model.ovs.DesiredOvs;
import io.ovneip.model.ovs.Finding;
import io.ovneip.model.ovs.GatewaySwitch;
import io.ovneip.model.ovs.NicFacts;
import io.ovneip.model.ovs.NodeRole;
import io.ovneip.model.ovs.ObservedOvs;
import io.ovneip.model.ovs.OvsDiff;
import io.ovneip.model.ovs.OvsEncoder;
import io.ovneip.model.ovs.OvsPlan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconcile pass, the controller's shape on the node: read the caches (input, observed), decide
 * with the pure model (desired, diff to a plan), encode the plan into at most one transaction and
 * send it, report. Errors are not caught here: they travel to {@link AgentLoop}'s queue, which logs
 * once and retries.
 */
final class AgentReconciler {
  private static final Logger LOG = LoggerFactory.getLogger(AgentReconciler.class);

  private final AgentOptions options;
  private final KubeView kube;
  private final OvsLink ovs;
  private final NicProbe nics;
  private final NodeEvents events;
  private final Clock clock;
  private final String key;
  private Instant labelGoneSince; // when the gateway label was first seen gone; null: present
  private String lastDecision = "";
  private Set<Finding> reported = Set.of();

  AgentReconciler(
      AgentOptions options,
      KubeView kube,
      OvsLink ovs,
      NicProbe nics,
      NodeEvents events,
      Clock clock) {
    this.clock = clock;
    this.options = options;
    this.kube = kube;
    this.ovs = ovs;
    this.nics = nics;
    this.events = events;
    this.key = "node/" + options.nodeName();
  }

  /** What a pass decided, and when to look again regardless of signals (empty: at resync). */
  record Pass(OvsPlan plan, boolean sent, Optional<Duration> requeueAfter) {}

  Pass reconcile() throws Exception {
    ObservedOvs observed = ovs.observed();
    NodeRole role = kube.role();
    Optional<Duration> deferredFor = removalDeferral(role);
    AgentInput input = input(observed, role, deferredFor.isPresent());
    OvsPlan plan = OvsDiff.compute(DesiredOvs.build(input), observed);
    if (!plan.isEmpty()) {
      ovs.transact(OvsEncoder.encode(plan));
    }
    logDecision(input, plan);
    report(plan);
    boolean waitingForNic =
        plan.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.NIC_ABSENT);
    Optional<Duration> requeue = waitingForNic ? Optional.of(options.nicRetry()) : Optional.empty();
    if (deferredFor.isPresent()
        && (requeue.isEmpty() || deferredFor.get().compareTo(requeue.get()) < 0)) {
      requeue = deferredFor; // look again when the debounce interval is over
    }
    return new Pass(plan, !plan.isEmpty(), requeue);
  }

  /**
   * The debounce of the gateway label: how long removal still waits, or empty when it may go ahead
   * (or the label is there). The label coming back resets it; an unknown Node leaves it as it is.
   */
  private Optional<Duration> removalDeferral(NodeRole role) {
    if (role == NodeRole.GATEWAY) {
      labelGoneSince = null;
      return Optional.empty();
    }
    if (role != NodeRole.NOT_GATEWAY) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (labelGoneSince == null) {
      labelGoneSince = now;
    }
    Duration left = Duration.between(now, labelGoneSince.plus(options.removalDelay()));
    return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
  }

  private AgentInput input(ObservedOvs observed, NodeRole role, boolean removalDeferred) {
    GatewaySwitch gateway = kube.gateway();
    NicFacts nic =
        role == NodeRole.GATEWAY && gateway instanceof GatewaySwitch.Enabled enabled
            ? nics.probe(enabled.nic())
            : NicFacts.absent();
    // ovn-controller makes br-int with the host's ovn-bridge-datapath-type; the gateway bridge
    // must live in the same datapath or packets cannot cross the patch ports.
    Optional<String> datapath = options.bridgeDatapathType().or(observed::ovnBridgeDatapathType);
    return new AgentInput(
        options.nodeName(),
        role,
        gateway,
        options.externalNet(),
        datapath,
        nic,
        kube.nodeIps(),
        removalDeferred);
  }

  /** A line per decision; repeats of the same decision (resyncs, own echoes) only at debug. */
  private void logDecision(AgentInput input, OvsPlan plan) {
    String decision =
        plan.outcome()
            + " role="
            + input.role()
            + " gateway="
            + describe(input.gateway())
            + (plan.changes().isEmpty() ? "" : " changes=" + plan.changes())
            + (plan.findings().isEmpty() ? "" : " findings=" + messages(plan.findings()));
    if (!plan.isEmpty() || !decision.equals(lastDecision)) {
      LOG.info("{}: {}", key, decision);
    } else {
      LOG.debug("{}: {}", key, decision);
    }
    lastDecision = decision;
  }

  /**
   * Events on the Node: one Normal Event per applied plan, one Warning per new finding (a finding
   * still present on the next pass is not repeated; one that goes and comes back is).
   */
  private void report(OvsPlan plan) {
    if (kube.node().isEmpty()) {
      reported = Set.of(); // no object to attach Events to; the log line says it
      return;
    }
    if (!plan.isEmpty()) {
      emit("Normal", "GatewayBridgeApplied", String.join("; ", plan.changes()));
    }
    Set<Finding> now = new HashSet<>();
    for (Finding f : plan.findings()) {
      if (f.severity() == Finding.Severity.NOTE) {
        continue;
      }
      if (reported.contains(f) || emit("Warning", f.kind().reason(), f.message())) {
        now.add(f);
      }
    }
    reported = Set.copyOf(now);
  }

  private boolean emit(String type, String reason, String message) {
    try {
      events.record(kube.node(), type, reason, message);
      return true;
    } catch (RuntimeException e) {
      LOG.warn("{}: cannot record Event {} ({}): {}", key, reason, message, e.toString());
      return false;
    }
  }

  private static String describe(GatewaySwitch gw) {
    if (gw instanceof GatewaySwitch.Enabled e) {
      return "enabled(nic=" + e.nic() + ")";
    }
    if (gw instanceof GatewaySwitch.Disabled d) {
      return "disabled(" + d.why() + ")";
    }
    return "invalid";
  }

  private static List<String> messages(List<Finding> findings) {
    return findings.stream().map(f -> f.kind().reason() + ": " + f.message()).toList();
  }
}

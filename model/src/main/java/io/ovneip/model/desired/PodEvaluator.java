package io.ovneip.model.desired;

import io.ovneip.model.input.Annotations;
import io.ovneip.model.input.FieldError;
import io.ovneip.model.input.GatewayConfig;
import io.ovneip.model.input.IpAddress;
import io.ovneip.model.input.NorthboundFacts;
import io.ovneip.model.input.PodIntent;
import io.ovneip.model.input.PodRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides every pod's outcome for an enabled gateway (docs/behaviour.md §4.4, §4.5). Pods are
 * visited in winner order, earliest creation first, then namespace/name, so the earlier claimant of
 * an address keeps it whatever order the pods come in, and when it lets go the next one gets it.
 */
final class PodEvaluator {

  private PodEvaluator() {}

  record Accepted(NatRequest request, IpAddress address, IpAddress podIp) {}

  /**
   * Outcomes decided by an earlier evaluation under the same config, with the intents they were
   * decided from. A pod whose intent is equal and whose addresses get the same verdicts again gets
   * the same rows, so its earlier outcome is reused instead of built again.
   */
  record Earlier(Map<PodRef, PodIntent> intents, Map<PodRef, PodOutcome> outcomes) {
    static final Earlier NONE = new Earlier(Map.of(), Map.of());

    Optional<PodOutcome> reusable(PodIntent pod, List<AddressOutcome> addresses) {
      PodOutcome before = outcomes.get(pod.pod());
      return before != null
              && before.addresses().equals(addresses)
              && java.util.Objects.equals(pod, intents.get(pod.pod()))
          ? Optional.of(before)
          : Optional.empty();
    }
  }

  /**
   * Every pod's outcome, and the pods whose outcome is not the earlier one (rebuilt: changed, new,
   * or decided anew). Pods given in winner order already are only checked, not sorted again.
   */
  record Evaluation(Map<PodRef, PodOutcome> outcomes, Set<PodRef> rebuilt) {}

  static Evaluation evaluate(
      GatewayConfig config,
      long reroutePriority,
      Collection<PodIntent> pods,
      NorthboundFacts facts,
      Earlier earlier) {
    List<PodIntent> ordered = new ArrayList<>(pods);
    ordered.sort(PodIntent.WINNER_ORDER); // linear on sorted input
    Claims claims = new Claims();
    Map<PodRef, PodOutcome> out = new HashMap<>(pods.size() * 2);
    Set<PodRef> rebuilt = new HashSet<>();
    for (PodIntent pod : ordered) {
      PodOutcome outcome = evaluate(config, reroutePriority, pod, facts, claims, earlier);
      out.put(pod.pod(), outcome);
      if (outcome != earlier.outcomes().get(pod.pod())) {
        rebuilt.add(pod.pod());
      }
    }
    return new Evaluation(out, rebuilt);
  }

  private static PodOutcome evaluate(
      GatewayConfig config,
      long reroutePriority,
      PodIntent pod,
      NorthboundFacts facts,
      Claims claims,
      Earlier earlier) {
    Optional<PodOutcome> early =
        notEvaluated(pod)
            .or(() -> onExternalNetwork(config, pod))
            .or(() -> PortRules.untrusted(config, pod, facts));
    if (early.isPresent()) {
      // An equal earlier outcome keeps its identity: the pod is not "rebuilt" every batch.
      PodOutcome before = earlier.outcomes().get(pod.pod());
      return early.get().equals(before) ? before : early.get();
    }
    List<AddressOutcome> outcomes = new ArrayList<>();
    for (FieldError e : pod.errors()) {
      NatRequest r = e.key().equals(NatRequest.EIP.annotation()) ? NatRequest.EIP : NatRequest.SNAT;
      outcomes.add(AddressOutcome.invalid(r, "", e.message()));
    }
    List<Accepted> accepted = new ArrayList<>();
    // EIPs first: a pod asking for X as both EIP and SNAT keeps the EIP.
    Decision d = new Decision(config, reroutePriority, pod, facts, claims, accepted);
    pod.eips().forEach(a -> outcomes.add(decide(d, NatRequest.EIP, a)));
    pod.snats().forEach(a -> outcomes.add(decide(d, NatRequest.SNAT, a)));
    return earlier
        .reusable(pod, outcomes)
        .orElseGet(
            () ->
                new PodOutcome(
                    pod.pod(),
                    status(outcomes),
                    "",
                    outcomes,
                    PodRows.rows(config, reroutePriority, pod, accepted)));
  }

  /** The outcome of a pod whose requests are not evaluated at all. */
  static Optional<PodOutcome> notEvaluated(PodIntent pod) {
    if (!pod.requestsNat()) {
      return Optional.of(PodOutcome.without(pod.pod(), PodOutcome.Status.NO_REQUEST, ""));
    }
    return switch (pod.state()) {
      case READY -> Optional.empty();
      case NOT_READY ->
          Optional.of(PodOutcome.without(pod.pod(), PodOutcome.Status.NOT_READY, pod.reason()));
      case HOST_NETWORK ->
          Optional.of(PodOutcome.without(pod.pod(), PodOutcome.Status.IGNORED, pod.reason()));
      // The pod's own address is unusable: reported like an invalid annotation (it is one, the
      // CNI's), with no rows.
      case REFUSED ->
          Optional.of(PodOutcome.without(pod.pod(), PodOutcome.Status.INVALID, pod.reason()));
      case TERMINATED ->
          Optional.of(PodOutcome.without(pod.pod(), PodOutcome.Status.GONE, pod.reason()));
    };
  }

  /**
   * A pod whose own IP lies in a nic-ip network claims an address of the external network, where
   * only the gateway port and the EIPs live: refused, no rows (its NAT would answer for that
   * network's hosts).
   */
  private static Optional<PodOutcome> onExternalNetwork(GatewayConfig config, PodIntent pod) {
    for (IpAddress ip : pod.ips()) {
      for (var nic : config.nicIps()) {
        if (nic.contains(ip)) {
          return Optional.of(
              PodOutcome.without(
                  pod.pod(),
                  PodOutcome.Status.INVALID,
                  Annotations.IP_ADDRESS
                      + ": "
                      + ip.text()
                      + " is inside the nic-ip network "
                      + nic.network()
                      + "/"
                      + nic.length()
                      + ", not a pod address"));
        }
      }
    }
    return Optional.empty();
  }

  /** What deciding one address of a pod needs. */
  private record Decision(
      GatewayConfig config,
      long reroutePriority,
      PodIntent pod,
      NorthboundFacts facts,
      Claims claims,
      List<Accepted> accepted) {}

  private static AddressOutcome decide(Decision d, NatRequest request, IpAddress address) {
    PodIntent pod = d.pod();
    Claims claims = d.claims();
    String text = address.text();
    Optional<String> invalid = RequestRules.reject(d.config(), pod, request, address);
    if (invalid.isPresent()) {
      return AddressOutcome.invalid(request, text, invalid.get());
    }
    IpAddress podIp = pod.ip(address.family()).orElseThrow(); // RequestRules checked it
    Optional<String> foreign =
        ForeignClaims.blocker(d.facts(), d.reroutePriority(), request, address, podIp);
    if (foreign.isPresent()) {
      return AddressOutcome.foreignConflict(request, text, foreign.get());
    }
    Optional<PodRef> ipHolder = claims.podIpHolder(podIp, pod.pod());
    if (ipHolder.isPresent()) {
      return AddressOutcome.conflict(
          request,
          text,
          "the pod's IP " + podIp + " is also reported for pod " + ipHolder.get(),
          ipHolder.get());
    }
    Optional<PodRef> blocker = claims.blocker(request, address, pod.pod());
    if (blocker.isPresent() && blocker.get().equals(pod.pod())) {
      return AddressOutcome.invalid(request, text, text + " is already this pod's EIP");
    }
    if (blocker.isPresent()) {
      return AddressOutcome.conflict(
          request, text, conflictReason(request, text, blocker.get()), blocker.get());
    }
    claims.claim(request, address, podIp, pod.pod());
    d.accepted().add(new Accepted(request, address, podIp));
    return AddressOutcome.applied(request, text);
  }

  private static String conflictReason(NatRequest request, String address, PodRef winner) {
    return request == NatRequest.EIP
        ? address + " is already claimed by pod " + winner + " (EIP or SNAT)"
        : address + " is the EIP of pod " + winner;
  }

  private static PodOutcome.Status status(List<AddressOutcome> outcomes) {
    if (outcomes.stream().anyMatch(o -> o.status() == AddressOutcome.Status.CONFLICT)) {
      return PodOutcome.Status.CONFLICT;
    }
    if (outcomes.stream().anyMatch(o -> o.status() == AddressOutcome.Status.INVALID)) {
      return PodOutcome.Status.INVALID;
    }
    return PodOutcome.Status.APPLIED;
  }
}

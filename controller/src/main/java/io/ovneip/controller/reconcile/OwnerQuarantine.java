package io.ovneip.controller.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ovneip.controller.kube.ClusterView;
import io.ovneip.controller.kube.EventRecorder;
import io.ovneip.controller.ovn.NorthboundDb;
import io.ovneip.model.diff.EncodedPlan;
import io.ovneip.model.diff.Plan;
import io.ovneip.model.diff.PlanEncoder;
import io.ovneip.model.input.GatewaySettings;
import io.ovneip.model.nb.OwnerKey;
import io.ovneip.ovsdb.client.OvsdbTransactionException;
import io.ovneip.ovsdb.protocol.Operation;
import io.ovneip.ovsdb.protocol.Uuid;
import io.prometheus.metrics.core.metrics.Gauge;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a batch's plan so that a transaction the server refuses fails only its owners
 * (docs/behaviour.md §9.2). OVSDB transactions are atomic: one owner's bad row makes the server
 * refuse the whole batch. Then the plan is sent again in halves, and each refused half in halves
 * again, down to single owners; the owners whose own transaction is refused are quarantined (a
 * Warning Event on their pod, or on the ConfigMap for the gateway, and the {@code
 * ovn_eip_quarantined_owners} gauge) and their keys fail, so the work queue retries them with its
 * backoff, while every other owner is committed. An owner leaves quarantine at the first batch that
 * covers it and commits.
 *
 * <p>Only refusals that concern the rows sent are split: a failed {@code wait} guard (error {@code
 * "timed out"}: our view of a parent is stale) or a server that is not the leader says nothing
 * about one owner, so it fails the batch as before; so do timeouts and lost connections.
 */
final class OwnerQuarantine {
  private static final Logger LOG = LoggerFactory.getLogger(OwnerQuarantine.class);
  static final String REASON = "Quarantined";

  private final GatewaySettings settings;
  private final NorthboundDb nb;
  private final ClusterView view;
  private final EventRecorder events;
  private final Gauge gauge;

  /** The quarantined owners and the server's word on their last refused transaction. */
  private final Map<OwnerKey, String> quarantined = Collections.synchronizedMap(new TreeMap<>());

  OwnerQuarantine(
      GatewaySettings settings,
      NorthboundDb nb,
      ClusterView view,
      EventRecorder events,
      Gauge gauge) {
    this.settings = settings;
    this.nb = nb;
    this.view = view;
    this.events = events;
    this.gauge = gauge;
    gauge.set(0);
  }

  /**
   * What applying a plan did: the owners whose writes the server refused, each with the server's
   * reason (empty: everything committed), and {@code NB_Global.nb_cfg} after the last transaction
   * that committed (empty when none did): a chassis at that value has every committed row.
   */
  record Outcome(Map<OwnerKey, String> refused, OptionalLong nbCfg) {}

  /**
   * Sends {@code txn}, the encoding of {@code plan}; on a refusal of the rows themselves, sends it
   * again in parts ({@link #bisect}). Throws what is not such a refusal.
   */
  Outcome apply(Plan plan, EncodedPlan.Transaction txn) {
    List<OwnerKey> owners = new ArrayList<>(plan.owners());
    owners.sort(null);
    try {
      return new Outcome(Map.of(), send(txn.operations(), plan));
    } catch (OvsdbTransactionException e) {
      if (!aboutTheRows(e)) {
        throw e;
      }
      if (owners.size() == 1) {
        return new Outcome(Map.of(owners.get(0), e.getMessage()), OptionalLong.empty());
      }
      LOG.warn(
          "NB refused the batch's transaction ({}); sending it again in parts", e.getMessage());
    }
    Map<OwnerKey, String> refused = new TreeMap<>();
    long[] nbCfg = {Long.MIN_VALUE};
    int half = owners.size() / 2;
    refused.putAll(bisect(plan, owners.subList(0, half), nbCfg));
    refused.putAll(bisect(plan, owners.subList(half, owners.size()), nbCfg));
    return new Outcome(
        refused, nbCfg[0] == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(nbCfg[0]));
  }

  /**
   * Sends the part of {@code plan} of {@code owners} as one transaction; when refused, each half
   * again, down to single owners: a few refused owners among thousands cost a few transactions each
   * (about two per halving), not one per owner.
   */
  private Map<OwnerKey, String> bisect(Plan plan, List<OwnerKey> owners, long[] nbCfg) {
    Plan part = plan.only(Set.copyOf(owners));
    if (!(PlanEncoder.encode(part, settings) instanceof EncodedPlan.Transaction txn)) {
      return Map.of(); // nothing to send; a part of an encodable plan is never blocked
    }
    try {
      send(txn.operations(), part).ifPresent(v -> nbCfg[0] = Math.max(nbCfg[0], v));
      return Map.of();
    } catch (OvsdbTransactionException e) {
      if (!aboutTheRows(e)) {
        throw e;
      }
      if (owners.size() == 1) {
        return Map.of(owners.get(0), e.getMessage());
      }
      Map<OwnerKey, String> refused = new TreeMap<>();
      int half = owners.size() / 2;
      refused.putAll(bisect(plan, owners.subList(0, half), nbCfg));
      refused.putAll(bisect(plan, owners.subList(half, owners.size()), nbCfg));
      return refused;
    }
  }

  /**
   * After a batch that covered the owners {@code inScope}: those {@code refused} are quarantined
   * (an Event each time the server's reason changes), the others in scope leave quarantine.
   */
  void settle(Predicate<OwnerKey> inScope, Map<OwnerKey, String> refused) {
    synchronized (quarantined) {
      quarantined.keySet().removeIf(o -> inScope.test(o) && !refused.containsKey(o));
      refused.forEach(
          (owner, why) -> {
            if (!why.equals(quarantined.put(owner, why))) {
              LOG.warn("owner {} quarantined: NB refused its rows: {}", owner, why);
              objectOf(owner)
                  .ifPresent(
                      o ->
                          events.record(
                              o,
                              EventRecorder.Type.WARNING,
                              REASON,
                              "Northbound refused this object's rows, which are retried with"
                                  + " backoff while every other object goes ahead: "
                                  + why));
            }
          });
      gauge.set(quarantined.size());
    }
  }

  /** The quarantined owners now (for tests and status). */
  Set<OwnerKey> owners() {
    synchronized (quarantined) {
      return Set.copyOf(quarantined.keySet());
    }
  }

  private Optional<? extends HasMetadata> objectOf(OwnerKey owner) {
    if (owner.isGateway()) {
      return view.configMap();
    }
    return owner.pod().flatMap(p -> view.pod(p.namespace(), p.name()));
  }

  private OptionalLong send(List<Operation> ops, Plan plan) {
    List<Uuid> deleted = plan.deletes().stream().map(Plan.Delete::uuid).toList();
    return nb.apply(ops, deleted).nbCfg();
  }

  /**
   * A refusal caused by the rows sent (a constraint, an index, referential integrity), as opposed
   * to a stale guard ({@code "timed out"} of a {@code wait}) or a server that may not write now.
   */
  private static boolean aboutTheRows(OvsdbTransactionException e) {
    String error = e.error() == null ? "" : e.error();
    return !error.equals("timed out") && !error.equals("not owner") && !error.equals("not leader");
  }
}

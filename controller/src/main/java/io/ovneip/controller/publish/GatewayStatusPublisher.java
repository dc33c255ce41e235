package io.ovneip.controller.publish;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ovneip.controller.kube.EventRecorder;
import io.ovneip.controller.kube.EventRecorder.Type;
import io.ovneip.controller.kube.NodeLabeler;
import io.ovneip.controller.queue.QueueKey;
import io.ovneip.model.desired.GatewayOutcome;
import io.ovneip.model.diff.Plan;
import io.ovneip.model.input.FieldError;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Shows what became of the gateway: Events on the ConfigMap (docs/behaviour.md §5: {@code
 * GatewayApplied}, {@code InvalidConfig}, {@code ChassisNotFound}, ...) and the gateway label on
 * nodes (§2.4).
 */
public final class GatewayStatusPublisher {
  private final EventRecorder events;
  private final NodeLabeler labeler;
  private boolean legacyLabelsRemoved;

  public GatewayStatusPublisher(EventRecorder events, NodeLabeler labeler) {
    this.events = events;
    this.labeler = labeler;
  }

  /** Events for an invalid ConfigMap: one naming every bad key (docs/behaviour.md §2.1). */
  public void reportInvalid(Optional<ConfigMap> configMap, List<FieldError> errors) {
    String message =
        errors.stream().map(e -> e.key() + ": " + e.message()).collect(Collectors.joining("; "));
    configMap.ifPresent(
        cm ->
            events.record(
                cm, Type.WARNING, "InvalidConfig", message + " (the last good state stays)"));
  }

  /**
   * Writes withheld because NB is not as the CNI should have left it (the router missing, a row
   * that is not ours in the way): a Warning on the ConfigMap, since the operator must act.
   */
  public void reportBlocked(Optional<ConfigMap> configMap, List<String> reasons) {
    if (!reasons.isEmpty()) {
      configMap.ifPresent(
          cm -> events.record(cm, Type.WARNING, "GatewayBlocked", String.join("; ", reasons)));
    }
  }

  /**
   * Owned parents kept because rows not ours hang from them (docs/behaviour.md §3): a Warning on
   * the ConfigMap naming those rows, one per parent. The parent goes once they do.
   */
  public void reportForeignKept(Optional<ConfigMap> configMap, List<Plan.ForeignKept> kept) {
    if (kept.isEmpty() || configMap.isEmpty()) {
      return;
    }
    String message = kept.stream().map(Plan.ForeignKept::message).collect(Collectors.joining("; "));
    events.record(configMap.get(), Type.WARNING, "ForeignRowsKept", message);
  }

  /**
   * The gateway's outcome after a commit. The controller builds only under a config ({@link
   * io.ovneip.model.input.EffectiveConfig}), so the outcome is never {@code Invalid}: an invalid
   * ConfigMap is reported by {@link #reportInvalid} when it is read.
   */
  public void reportOutcome(Optional<ConfigMap> configMap, GatewayOutcome outcome) {
    if (configMap.isEmpty()) {
      return;
    }
    ConfigMap cm = configMap.get();
    if (outcome instanceof GatewayOutcome.Disabled) {
      events.record(cm, Type.NORMAL, "GatewayDisabled", "the external gateway is disabled");
    } else if (outcome instanceof GatewayOutcome.Applied a) {
      reportApplied(cm, a);
    }
  }

  private void reportApplied(ConfigMap cm, GatewayOutcome.Applied a) {
    events.record(
        cm,
        Type.NORMAL,
        "GatewayApplied",
        a.type().name().toLowerCase()
            + " gateway on chassis "
            + (a.chassisByPriority().isEmpty() ? "(none)" : a.chassisByPriority()));
    warnIfAny(
        cm, "ChassisNotFound", "no OVN chassis for gateway node(s) ", a.nodesWithoutChassis());
    warnIfAny(
        cm,
        "UnknownNode",
        "external-gw-nodes lists node(s) the cluster does not have: ",
        a.unknownNodes());
    warnIfAny(
        cm,
        "DuplicateChassis",
        "node(s) share a chassis with an earlier gateway node: ",
        a.duplicateChassis());
  }

  private void warnIfAny(ConfigMap cm, String reason, String text, List<String> nodes) {
    if (!nodes.isEmpty()) {
      events.record(cm, Type.WARNING, reason, text + nodes);
    }
  }

  /**
   * Labels gateway nodes true and former gateways false; returns failures by queue key. The first
   * pass of this process also removes the labels {@code ovn.kubernetes.io/external-gw} earlier
   * versions wrote (once: Kube-OVN ≤ v1.12 writes that label itself, and it is not ours to fight
   * over).
   */
  public Map<String, Throwable> label(Collection<Node> nodes, Collection<String> gatewayNodes) {
    Set<String> gateways = new HashSet<>(gatewayNodes);
    Map<String, Throwable> failed = new HashMap<>();
    boolean migrate = !legacyLabelsRemoved;
    for (Node node : nodes) {
      try {
        labeler.ensure(node, gateways.contains(node.getMetadata().getName()));
        if (migrate) {
          labeler.removeLegacy(node);
        }
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404 && e.getCode() != 422) {
          failed.put(QueueKey.GATEWAY.print(), e);
        }
      }
    }
    legacyLabelsRemoved = migrate ? failed.isEmpty() : true;
    return failed;
  }
}

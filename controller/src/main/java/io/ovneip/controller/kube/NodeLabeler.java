package io.ovneip.controller.kube;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ovneip.model.input.Annotations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the label {@code ovn-eip.io/gateway} of every node equal to whether it is a gateway node
 * (docs/behaviour.md §2.4): {@code true} on gateways, {@code false} on nodes that were labelled and
 * no longer are. Nodes that never carried the label are left alone. Never {@code
 * ovn.kubernetes.io/external-gw}: kube-ovn-cni turns a node carrying it into a gateway of its own
 * (docs/behaviour.md §8); the copies earlier versions wrote are removed by {@link #removeLegacy}.
 */
public final class NodeLabeler {
  private static final Logger LOG = LoggerFactory.getLogger(NodeLabeler.class);
  private static final String PATH =
      "/metadata/labels/" + JsonPatches.pointerToken(Annotations.GATEWAY_LABEL);

  private static final String LEGACY_PATH =
      "/metadata/labels/" + JsonPatches.pointerToken(Annotations.LEGACY_EXTERNAL_GW_LABEL);

  private final KubernetesClient client;

  public NodeLabeler(KubernetesClient client) {
    this.client = client;
  }

  /** Sets the label on one node when it differs; returns true when it wrote. */
  public boolean ensure(Node node, boolean gateway) {
    Map<String, String> labels = node.getMetadata().getLabels();
    String current = labels == null ? null : labels.get(Annotations.GATEWAY_LABEL);
    String wanted = Boolean.toString(gateway);
    if (wanted.equals(current) || (!gateway && current == null)) {
      return false;
    }
    // No resourceVersion guard: setting one label key loses nobody's change, and the informer's
    // copy of a node is often a version behind (kubelet heartbeats).
    List<Map<String, Object>> ops = new ArrayList<>();
    if (labels == null) {
      ops.add(JsonPatches.add("/metadata/labels", Map.of(Annotations.GATEWAY_LABEL, wanted)));
    } else {
      ops.add(JsonPatches.add(PATH, wanted));
    }
    client
        .nodes()
        .withName(node.getMetadata().getName())
        .patch(Patching.json(), JsonPatches.toJson(ops));
    LOG.info(
        "node {}: label {}={}", node.getMetadata().getName(), Annotations.GATEWAY_LABEL, wanted);
    return true;
  }

  /**
   * Removes the label {@code ovn.kubernetes.io/external-gw} that earlier versions wrote; returns
   * true when it wrote. The patch tests the value it saw, so a label someone set meanwhile stays.
   */
  public boolean removeLegacy(Node node) {
    Map<String, String> labels = node.getMetadata().getLabels();
    String current = labels == null ? null : labels.get(Annotations.LEGACY_EXTERNAL_GW_LABEL);
    if (current == null) {
      return false;
    }
    List<Map<String, Object>> ops =
        List.of(JsonPatches.test(LEGACY_PATH, current), JsonPatches.remove(LEGACY_PATH));
    client
        .nodes()
        .withName(node.getMetadata().getName())
        .patch(Patching.json(), JsonPatches.toJson(ops));
    LOG.info(
        "node {}: removed the label {}={} of an earlier version (kube-ovn-cni acts on it)",
        node.getMetadata().getName(),
        Annotations.LEGACY_EXTERNAL_GW_LABEL,
        current);
    return true;
  }
}

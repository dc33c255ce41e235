package io.ovneip.agent;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ovneip.model.text.OneLine;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records core/v1 Events on this agent's Node, where {@code kubectl describe node} shows them. Node
 * Events live in namespace {@code default}, as the kubelet's do. Failing to record is logged by the
 * caller and never stops a reconcile.
 */
final class NodeEvents {
  static final String COMPONENT = "ovn-eip-agent";
  static final String NAMESPACE = "default";

  private final KubernetesClient client;
  private final String nodeName;
  private final Clock clock;
  private final AtomicLong sequence = new AtomicLong();

  NodeEvents(KubernetesClient client, String nodeName, Clock clock) {
    this.client = client;
    this.nodeName = nodeName;
    this.clock = clock;
  }

  /** {@code type} is {@code Normal} or {@code Warning}. */
  void record(Optional<Node> node, String type, String reason, String message) {
    Instant now = clock.instant();
    // Unique like the kubelet's names: the node, the time, and a counter for the same millisecond.
    String name =
        nodeName + "." + Long.toHexString(now.toEpochMilli()) + "." + sequence.incrementAndGet();
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName(name.toLowerCase(Locale.ROOT))
            .withNamespace(NAMESPACE)
            .endMetadata()
            .withNewInvolvedObject()
            .withApiVersion("v1")
            .withKind("Node")
            .withName(nodeName)
            .withUid(node.map(n -> n.getMetadata().getUid()).orElse(null))
            .endInvolvedObject()
            .withType(type)
            .withReason(reason)
            .withMessage(OneLine.of(message))
            .withCount(1)
            .withFirstTimestamp(now.toString())
            .withLastTimestamp(now.toString())
            .withNewSource()
            .withComponent(COMPONENT)
            .withHost(nodeName)
            .endSource()
            .withReportingComponent(COMPONENT)
            .withReportingInstance(nodeName)
            .build();
    client.v1().events().inNamespace(NAMESPACE).resource(event).create();
  }
}

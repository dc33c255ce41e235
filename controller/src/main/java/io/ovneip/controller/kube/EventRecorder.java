package io.ovneip.controller.kube;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ovneip.model.text.OneLine;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records core/v1 Events that {@code kubectl describe} shows. The same (object, reason, message) is
 * recorded once and then only counted, as kubelet's recorder does, so a level-triggered reconcile
 * that reaches the same verdict every resync does not flood the API. Recording never fails the
 * caller: an Event is a report, not state.
 */
public final class EventRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

  /** Event types of the core/v1 API. */
  public enum Type {
    NORMAL("Normal"),
    WARNING("Warning");

    final String wire;

    Type(String wire) {
      this.wire = wire;
    }
  }

  private final KubernetesClient client;
  private final String component;
  private final Clock clock;
  private final Map<String, String> lastByObject = new ConcurrentHashMap<>();

  public EventRecorder(KubernetesClient client, String component, Clock clock) {
    this.client = client;
    this.component = component;
    this.clock = clock;
  }

  /** Records an Event on {@code object}, unless the same one is already its latest. */
  public void record(HasMetadata object, Type type, String reason, String text) {
    String message = OneLine.of(text);
    String objectKey =
        object.getKind()
            + "/"
            + Objects.toString(object.getMetadata().getNamespace(), "")
            + "/"
            + object.getMetadata().getName()
            + "/"
            + reason;
    if (message.equals(lastByObject.put(objectKey, message))) {
      return;
    }
    LOG.info(
        "event {} {} on {}/{}: {}",
        type.wire,
        reason,
        object.getKind(),
        object.getMetadata().getName(),
        message);
    try {
      client
          .v1()
          .events()
          .inNamespace(namespaceOf(object))
          .resource(build(object, type, reason, message))
          .create();
    } catch (KubernetesClientException e) {
      LOG.warn("could not record event {} on {}: {}", reason, objectKey, e.getMessage());
    }
  }

  /** Forgets what was recorded for an object that went away. */
  public void forget(String kind, String namespace, String name) {
    String prefix = kind + "/" + Objects.toString(namespace, "") + "/" + name + "/";
    lastByObject.keySet().removeIf(k -> k.startsWith(prefix));
  }

  private Event build(HasMetadata object, Type type, String reason, String message) {
    String now =
        DateTimeFormatter.ISO_INSTANT.format(
            Instant.now(clock).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    return new EventBuilder()
        .withNewMetadata()
        .withGenerateName(object.getMetadata().getName() + ".")
        .withNamespace(namespaceOf(object))
        .endMetadata()
        .withInvolvedObject(
            new ObjectReferenceBuilder()
                .withApiVersion(object.getApiVersion())
                .withKind(object.getKind())
                .withNamespace(object.getMetadata().getNamespace())
                .withName(object.getMetadata().getName())
                .withUid(uidOf(object))
                .withResourceVersion(object.getMetadata().getResourceVersion())
                .build())
        .withType(type.wire)
        .withReason(reason)
        .withMessage(message)
        .withCount(1)
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withNewSource()
        .withComponent(component)
        .endSource()
        .withReportingComponent(component)
        .build();
  }

  /**
   * {@code kubectl describe node} looks for Events whose involvedObject.uid is the node's name (the
   * kubelet records them so); every other kind is found by its real uid.
   */
  private static String uidOf(HasMetadata object) {
    return "Node".equals(object.getKind())
        ? object.getMetadata().getName()
        : object.getMetadata().getUid();
  }

  /** Cluster-scoped objects (Nodes) get their Events in "default", as the kubelet does. */
  private static String namespaceOf(HasMetadata object) {
    String ns = object.getMetadata().getNamespace();
    return ns == null || ns.isEmpty() ? "default" : ns;
  }
}

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
import java.util.HashMap;
import java.util.List;
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
        key(
            object.getKind(),
            object.getMetadata().getNamespace(),
            object.getMetadata().getName(),
            reason);
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

  /**
   * Takes the latest Event of each reason that this component recorded on {@code object} in an
   * earlier run as already recorded, so that a restarted controller does not repeat what the object
   * already shows (docs/behaviour.md §5.3: a restart over a settled cluster writes nothing). One
   * list request; on failure nothing is remembered and Events are recorded as usual.
   */
  public void rememberExisting(HasMetadata object) {
    String namespace = namespaceOf(object);
    try {
      List<Event> existing =
          client
              .v1()
              .events()
              .inNamespace(namespace)
              .withField("involvedObject.kind", object.getKind())
              .withField("involvedObject.name", object.getMetadata().getName())
              .list()
              .getItems();
      Map<String, Event> latest = new HashMap<>();
      for (Event e : existing) {
        if (e.getReason() == null
            || e.getMessage() == null
            || (!component.equals(e.getReportingComponent())
                && (e.getSource() == null || !component.equals(e.getSource().getComponent())))) {
          continue; // not ours
        }
        latest.merge(e.getReason(), e, (a, b) -> later(a, b) ? a : b);
      }
      latest.forEach(
          (reason, e) ->
              lastByObject.putIfAbsent(
                  key(
                      object.getKind(),
                      object.getMetadata().getNamespace(),
                      object.getMetadata().getName(),
                      reason),
                  e.getMessage()));
    } catch (KubernetesClientException e) {
      LOG.warn(
          "could not read the Events of {}/{}: {}",
          object.getKind(),
          object.getMetadata().getName(),
          e.getMessage());
    }
  }

  /** Whether {@code a} was recorded after {@code b} (RFC 3339 UTC times compare as text). */
  private static boolean later(Event a, Event b) {
    String ta = Objects.toString(a.getLastTimestamp(), "");
    String tb = Objects.toString(b.getLastTimestamp(), "");
    if (!ta.equals(tb)) {
      return ta.compareTo(tb) > 0;
    }
    return Objects.toString(a.getMetadata().getCreationTimestamp(), "")
            .compareTo(Objects.toString(b.getMetadata().getCreationTimestamp(), ""))
        > 0;
  }

  private static String key(String kind, String namespace, String name, String reason) {
    return kind + "/" + Objects.toString(namespace, "") + "/" + name + "/" + reason;
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

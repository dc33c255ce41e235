package io.ovneip.controller.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ovneip.kubeapi.EmbeddedKubeApi;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A restarted controller does not repeat the Events its earlier run left on the gateway ConfigMap
 * (docs/behaviour.md §5.3: a restart over a settled cluster writes nothing), yet still records what
 * changed, and never counts another component's Event as its own.
 */
class EventRecorderRestartTest {
  private static final String ME = "ovn-eip-controller";

  @Test
  void aRestartedRecorderSkipsWhatTheObjectAlreadyShowsAndRecordsWhatChanged() throws Exception {
    try (EmbeddedKubeApi api = EmbeddedKubeApi.start(0)) {
      KubernetesClient client = api.client();
      ConfigMap cm = configMap(client);
      EventRecorder first = new EventRecorder(client, ME, Clock.systemUTC());
      first.record(cm, EventRecorder.Type.NORMAL, "GatewayApplied", "centralized on [a]");
      first.record(cm, EventRecorder.Type.NORMAL, "PreflightPassed", "no conflict");
      // Another component's Event with a reason of ours: not ours to count.
      new EventRecorder(client, "someone-else", Clock.systemUTC())
          .record(cm, EventRecorder.Type.NORMAL, "Probe", "hello");
      assertThat(events(client)).hasSize(3);

      EventRecorder restarted = new EventRecorder(client, ME, Clock.systemUTC());
      restarted.rememberExisting(cm);
      restarted.record(cm, EventRecorder.Type.NORMAL, "GatewayApplied", "centralized on [a]");
      restarted.record(cm, EventRecorder.Type.NORMAL, "PreflightPassed", "no conflict");
      assertThat(events(client)).hasSize(3);

      restarted.record(cm, EventRecorder.Type.NORMAL, "GatewayApplied", "centralized on [b]");
      restarted.record(cm, EventRecorder.Type.NORMAL, "Probe", "hello");
      assertThat(events(client))
          .extracting(Event::getMessage)
          .containsExactlyInAnyOrder(
              "centralized on [a]", "no conflict", "hello", "centralized on [b]", "hello");
    }
  }

  private static ConfigMap configMap(KubernetesClient client) {
    return client
        .configMaps()
        .inNamespace("kube-system")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("ovn-external-gw-config")
                .withNamespace("kube-system")
                .endMetadata()
                .build())
        .create();
  }

  private static List<Event> events(KubernetesClient client) {
    return client.v1().events().inNamespace("kube-system").list().getItems();
  }
}

package io.ovneip.kubeapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A watch resumed from a resourceVersion older than a deletion must not miss it: found by the
 * sandbox's chaos run (api-drop-watches), where a pod deleted while the controller re-watched
 * stayed in its informer, and its NAT rows in NB, for good.
 */
class WatchResumeIT {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void aWatchFromBeforeADeletionIsAnsweredGoneAndOneFromAfterItIsServed() throws Exception {
    try (EmbeddedKubeApi api = EmbeddedKubeApi.start(0)) {
      var configMaps = api.client().configMaps().inNamespace("default");
      configMaps.resource(cm("doomed")).create();
      String before = configMaps.list().getMetadata().getResourceVersion();
      configMaps.withName("doomed").delete();
      String after = configMaps.list().getMetadata().getResourceVersion();

      assertThat(watchStatus(api, before)).isEqualTo(410);
      assertThat(watchStatus(api, after)).isEqualTo(200);
      // Other kinds had no deletion: their watches resume as before.
      assertThat(watch(api, "/api/v1/namespaces/default/pods", before)).isEqualTo(200);
    }
  }

  @Test
  void anInformerWhoseWatchesWereDroppedLosesTheObjectDeletedMeanwhile() {
    try (EmbeddedKubeApi api = EmbeddedKubeApi.start(0)) {
      var configMaps = api.client().configMaps().inNamespace("default");
      configMaps.resource(cm("kept")).create();
      configMaps.resource(cm("doomed")).create();
      SharedIndexInformer<ConfigMap> informer = configMaps.inform();
      try {
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> informer.getStore().getByKey("default/doomed") != null);
        for (int i = 0; i < 5; i++) {
          api.dropWatches();
        }
        configMaps.withName("doomed").delete();
        api.dropWatches();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> informer.getStore().getByKey("default/doomed") == null);
        assertThat(informer.getStore().getByKey("default/kept")).isNotNull();
      } finally {
        informer.close();
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static ConfigMap cm(String name) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().build();
  }

  private static int watchStatus(EmbeddedKubeApi api, String resourceVersion) throws Exception {
    return watch(api, "/api/v1/namespaces/default/configmaps", resourceVersion);
  }

  private static int watch(EmbeddedKubeApi api, String path, String resourceVersion)
      throws Exception {
    HttpResponse<Void> r =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        api.url()
                            + path
                            + "?watch=true&timeoutSeconds=1&resourceVersion="
                            + resourceVersion))
                .timeout(Duration.ofSeconds(20))
                .build(),
            HttpResponse.BodyHandlers.discarding());
    return r.statusCode();
  }
}

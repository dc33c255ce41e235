package io.ovneip.kubeapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.Test;

/**
 * A JSON Patch that does not apply gets 422, as from a real API server, and changes nothing. The
 * stock mock throws on its event loop and never answers; a 500 would make clients retry.
 */
class JsonPatchFailureIT {
  @Test
  void aFailedTestOpIsUnprocessableAndChangesNothing() throws Exception {
    try (EmbeddedKubeApi api = EmbeddedKubeApi.start(0)) {
      var client = api.client();
      client
          .configMaps()
          .inNamespace("default")
          .resource(
              new ConfigMapBuilder()
                  .withNewMetadata()
                  .withName("c")
                  .endMetadata()
                  .addToData("k", "v")
                  .build())
          .create();
      KubernetesClientException e =
          catchThrowableOfType(
              KubernetesClientException.class,
              () ->
                  client
                      .configMaps()
                      .inNamespace("default")
                      .withName("c")
                      .patch(
                          PatchContext.of(PatchType.JSON),
                          "[{\"op\":\"test\",\"path\":\"/data/k\",\"value\":\"other\"},"
                              + "{\"op\":\"replace\",\"path\":\"/data/k\",\"value\":\"w\"}]"));
      assertThat(e.getCode()).isEqualTo(422);
      assertThat(client.configMaps().inNamespace("default").withName("c").get().getData())
          .containsEntry("k", "v");
    }
  }
}

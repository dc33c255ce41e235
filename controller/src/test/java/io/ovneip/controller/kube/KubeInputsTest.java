package io.ovneip.controller.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.ovneip.model.input.Annotations;
import io.ovneip.model.input.PodIntent;
import io.ovneip.model.input.PodRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading only the changed pods gives what reading every pod gives, in winner order. */
class KubeInputsTest {
  final Map<PodRef, Pod> store = new HashMap<>();
  int version;

  Pod put(String name, int createdSecond, String eip) {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withNamespace("default")
            .withName(name)
            .withUid("uid-" + name)
            .withCreationTimestamp(String.format("2024-01-01T00:00:%02dZ", createdSecond))
            .withResourceVersion(Integer.toString(++version))
            .withAnnotations(
                Map.of(
                    Annotations.ALLOCATED,
                    "true",
                    Annotations.IP_ADDRESS,
                    "10.16.0." + (10 + createdSecond),
                    Annotations.EIP,
                    eip))
            .endMetadata()
            .withNewSpec()
            .withNodeName("worker")
            .endSpec()
            .build();
    store.put(KubeInputs.ref(pod), pod);
    return pod;
  }

  List<PodIntent> fresh() {
    return new ArrayList<>(new KubeInputs().intents(store.values()));
  }

  @Test
  void changedPodsOnlyEqualsEverythingReadAgainInWinnerOrder() {
    KubeInputs inputs = new KubeInputs();
    put("c", 3, "172.56.0.3");
    put("a", 1, "172.56.0.1");
    put("b", 2, "172.56.0.2");
    assertThat(inputs.intents(store.values()))
        .extracting(i -> i.pod().name())
        .containsExactly("a", "b", "c");

    put("b", 2, "172.56.0.22");
    PodRef d = KubeInputs.ref(put("d", 0, "172.56.0.4"));
    PodRef a = new PodRef("default", "a");
    store.remove(a);
    var changed =
        inputs.intents(
            List.of(new PodRef("default", "b"), d, a), ref -> Optional.ofNullable(store.get(ref)));

    assertThat(new ArrayList<>(changed)).isEqualTo(fresh());
    assertThat(changed).extracting(i -> i.pod().name()).containsExactly("d", "b", "c");
    assertThat(inputs.intent(a)).isNull();
  }

  @Test
  void aPodGoneFromTheListIsForgottenOnAFullRead() {
    KubeInputs inputs = new KubeInputs();
    put("a", 1, "172.56.0.1");
    put("b", 2, "172.56.0.2");
    inputs.intents(store.values());
    store.remove(new PodRef("default", "a"));
    assertThat(inputs.intents(store.values())).extracting(i -> i.pod().name()).containsExactly("b");
  }

  @Test
  void anUnchangedIntentKeepsItsIdentityAcrossNewResourceVersions() {
    KubeInputs inputs = new KubeInputs();
    put("a", 1, "172.56.0.1");
    PodIntent before = inputs.intents(store.values()).iterator().next();
    put("a", 1, "172.56.0.1"); // a new resourceVersion, the same inputs
    PodIntent after = inputs.intents(store.values()).iterator().next();
    assertThat(after).isSameAs(before);
  }
}

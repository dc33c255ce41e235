package io.ovneip.controller.it;

import static io.ovneip.controller.it.ControllerHarness.SEED_CONFIG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ovneip.controller.Controller;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/behaviour.md §3.2 against a real NB: {@code gateway-bfd-interval-ms} sets NB_Global's BFD
 * options only when asked, keeps someone else's value, and removes only what ovn-eip set.
 */
class GatewayBfdIT extends ControllerItBase {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @BeforeEach
  void setUp() {
    ovn.withChassis("chassis-worker", "kube-ovn-worker");
    ControllerHarness.node(client, "kube-ovn-worker", "chassis-worker");
    ovn.nbctl("init");
  }

  private String option(String key) {
    return ovn.nbctl("--if-exists", "get", "NB_Global", ".", "options:" + key).trim();
  }

  @Test
  void setWhenAskedForeignValueKeptOursRemovedWhenNoLongerAsked() {
    ovn.nbctl("set", "NB_Global", ".", "options:bfd-mult=5", "options:unrelated=x");
    ControllerHarness.configMap(client, SEED_CONFIG);
    try (Controller c = ControllerHarness.start(ovn, client)) {
      await().atMost(WAIT).until(() -> ovn.nbctl("show").contains("gateway chassis"));
      assertThat(option("bfd-min-rx")).as("not asked: not set").isEmpty();

      Map<String, String> asked = new HashMap<>(SEED_CONFIG);
      asked.put("gateway-bfd-interval-ms", "100");
      ControllerHarness.configMap(client, asked);
      await().atMost(WAIT).until(() -> option("bfd-min-rx").equals("\"100\""));
      assertThat(option("bfd-min-tx")).isEqualTo("\"100\"");
      assertThat(option("bfd-mult")).as("someone else's value stays").isEqualTo("\"5\"");

      asked.put("gateway-bfd-interval-ms", "300");
      ControllerHarness.configMap(client, asked);
      await().atMost(WAIT).until(() -> option("bfd-min-rx").equals("\"300\""));
      assertThat(option("bfd-min-tx")).isEqualTo("\"300\"");

      // Someone takes bfd-min-tx over; then the key goes: only what is still ours is removed.
      ovn.nbctl("set", "NB_Global", ".", "options:bfd-min-tx=700");
      ControllerHarness.configMap(client, SEED_CONFIG);
      await().atMost(WAIT).until(() -> option("bfd-min-rx").isEmpty());
      assertThat(option("bfd-min-tx")).isEqualTo("\"700\"");
      assertThat(option("bfd-mult")).isEqualTo("\"5\"");
      assertThat(option("unrelated")).isEqualTo("x");
      assertThat(ovn.nbctl("get", "NB_Global", ".", "external_ids")).doesNotContain("ovn-eip.io");
    }
  }
}

package io.ovneip.model.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** docs/behaviour.md §2.1: an invalid ConfigMap keeps the last good config, or holds. */
class EffectiveConfigTest {
  private static final Validated<GatewayConfig> BAD =
      GatewayConfigParser.parse(Map.of("enable-external-gw", "maybe"));

  @Test
  void aValidConfigIsBuiltUnderWhateverCameBefore() {
    Validated<GatewayConfig> off = GatewayConfigParser.parse(Map.of("enable-external-gw", "false"));
    EffectiveConfig c = EffectiveConfig.of(off, Optional.empty());
    assertThat(c.config()).contains(GatewayConfig.disabled());
    assertThat(c.held()).isFalse();
    assertThat(c.errors()).isEmpty();
  }

  @Test
  void anInvalidConfigKeepsTheLastGoodOneAndReportsItsErrors() {
    EffectiveConfig c = EffectiveConfig.of(BAD, Optional.of(GatewayConfig.disabled()));
    assertThat(c.config()).contains(GatewayConfig.disabled());
    assertThat(c.held()).isFalse();
    assertThat(c.errors()).extracting(FieldError::key).containsExactly("enable-external-gw");
  }

  @Test
  void anInvalidConfigWithNoLastGoodOneHolds() {
    EffectiveConfig c = EffectiveConfig.of(BAD, Optional.empty());
    assertThat(c.held()).isTrue();
    assertThat(c.errors()).isNotEmpty();
  }
}

package io.ovneip.model.input;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The config the desired state is built under (docs/behaviour.md §2.1): the ConfigMap as read when
 * it is valid; when it is invalid, the last good one, and its errors are reported. With neither the
 * gateway is held: nothing is built and nothing in OVN changes. The controller and {@code ovn-eip
 * status} both decide it here, each with the last good config it knows.
 *
 * @param read the ConfigMap as read now
 * @param config what to build under; empty: held
 */
public record EffectiveConfig(Validated<GatewayConfig> read, Optional<GatewayConfig> config) {
  public EffectiveConfig {
    Objects.requireNonNull(read, "read");
    Objects.requireNonNull(config, "config");
  }

  /**
   * @param lastGood the last valid config seen (empty: none, as for a fresh read)
   */
  public static EffectiveConfig of(
      Validated<GatewayConfig> read, Optional<GatewayConfig> lastGood) {
    return new EffectiveConfig(read, read.value().or(() -> lastGood));
  }

  /** No config to build under: the ConfigMap is invalid and no valid one is known. */
  public boolean held() {
    return config.isEmpty();
  }

  /** Why the ConfigMap as read is invalid; empty when it is valid. */
  public List<FieldError> errors() {
    return read.errors();
  }
}

package io.ovneip.model.input;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GatewaySettingsTest {

  @Test
  void defaultsAndDerivedNamesMatchTheSeed() {
    GatewaySettings s = GatewaySettings.defaults();
    assertThat(s.configNamespace()).isEqualTo("kube-system");
    assertThat(s.externalNet()).isEqualTo("external");
    assertThat(s.vlanId()).isZero();
    assertThat(s.localnetPortName()).isEqualTo("localnet.external");
    assertThat(s.switchRouterPortName()).isEqualTo("external-ovn-cluster");
    assertThat(s.routerPortName()).isEqualTo("ovn-cluster-external");
    assertThat(s.gatewayChassisName("abc")).isEqualTo("ovn-cluster-external-abc");
    assertThat(s.tagged()).isFalse();
  }

  @ParameterizedTest(name = "vlan {0}: valid {1}")
  @CsvSource({"0, true", "1, true", "4094, true", "4095, false", "-1, false"})
  void vlanRange(int vlan, boolean valid) {
    Validated<GatewaySettings> v =
        GatewaySettings.of("kube-system", "external", vlan, "external", "ovn-cluster");
    assertThat(v.isValid()).isEqualTo(valid);
    if (!valid) {
      assertThat(v.errors())
          .extracting(FieldError::key)
          .containsExactly("--external-gateway-vlanid");
    }
  }

  @ParameterizedTest(name = "reroute priority {0}: valid {1}")
  @CsvSource({
    "29260, true",
    "29251, true",
    "0, true",
    "32767, true",
    "29250, false",
    "32768, false"
  })
  void reroutePriorityIsOursAndNotTheOneKubeOvnSweeps(long priority, boolean valid) {
    Validated<GatewaySettings> v =
        GatewaySettings.of("kube-system", "external", 0, "external", "ovn-cluster", priority);
    assertThat(v.isValid()).isEqualTo(valid);
    if (!valid) {
      assertThat(v.errors()).extracting(FieldError::key).containsExactly("--reroute-priority");
    }
  }

  @Test
  void theDefaultReroutePriorityIs29260() {
    assertThat(GatewaySettings.defaults().reroutePriority()).isEqualTo(29260);
  }

  @Test
  void blankNamesAreRejected() {
    assertThat(GatewaySettings.of("", " x", 0, "external", null).errors())
        .extracting(FieldError::key)
        .containsExactlyInAnyOrder(
            "--external-gateway-config-ns", "--external-gateway-net", "--cluster-router");
  }
}

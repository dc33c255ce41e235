package io.ovneip.model.ovs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GatewaySwitchTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("ConfigMap absent", null, GatewaySwitch.Disabled.class),
        Arguments.of(
            "enable missing", Map.of("external-gw-nic", "eth1"), GatewaySwitch.Disabled.class),
        Arguments.of(
            "enable false", Map.of("enable-external-gw", "false"), GatewaySwitch.Disabled.class),
        Arguments.of(
            "enable true with NIC",
            Map.of("enable-external-gw", "true", "external-gw-nic", " eth1 "),
            GatewaySwitch.Enabled.class),
        Arguments.of(
            "enable yes",
            Map.of("enable-external-gw", "yes", "external-gw-nic", "eth1"),
            GatewaySwitch.Invalid.class),
        Arguments.of(
            "NIC missing", Map.of("enable-external-gw", "true"), GatewaySwitch.Invalid.class),
        Arguments.of(
            "NIC too long",
            Map.of("enable-external-gw", "true", "external-gw-nic", "a-very-long-nic-name"),
            GatewaySwitch.Invalid.class),
        Arguments.of(
            "NIC with slash",
            Map.of("enable-external-gw", "true", "external-gw-nic", "eth/1"),
            GatewaySwitch.Invalid.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void parses(String name, Map<String, String> data, Class<?> expected) {
    assertThat(GatewaySwitch.parse(data == null ? null : new HashMap<>(data)))
        .isInstanceOf(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void trimsTheNic(String name, Map<String, String> data, Class<?> expected) {
    if (GatewaySwitch.parse(data) instanceof GatewaySwitch.Enabled e) {
      assertThat(e.nic()).isEqualTo("eth1");
    }
  }

  @org.junit.jupiter.api.Test
  void invalidNamesEachBadKey() {
    var parsed = GatewaySwitch.parse(Map.of("enable-external-gw", "on"));
    assertThat(parsed).isInstanceOf(GatewaySwitch.Invalid.class);
    assertThat(((GatewaySwitch.Invalid) parsed).errors())
        .anySatisfy(e -> assertThat(e).startsWith("enable-external-gw"))
        .anySatisfy(e -> assertThat(e).startsWith("external-gw-nic"));
  }
}

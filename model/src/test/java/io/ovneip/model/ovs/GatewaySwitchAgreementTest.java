package io.ovneip.model.ovs;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovneip.model.input.GatewayConfigParser;
import io.ovneip.model.input.Validated;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The agent reads enable-external-gw by the controller's rule (spec 2.1), empty value included. */
class GatewaySwitchAgreementTest {

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", " ", "false", " false ", "true", " true", "yes", "on", "TRUE"})
  void agentAndControllerReadTheSwitchAlike(String enable) {
    Map<String, String> data = Map.of("enable-external-gw", enable, "external-gw-nic", "eth1");
    Validated<Boolean> controller = GatewayConfigParser.enabled(data);
    GatewaySwitch agent = GatewaySwitch.parse(data);
    if (!controller.isValid()) {
      assertThat(agent).isInstanceOf(GatewaySwitch.Invalid.class);
    } else if (controller.orElseThrow()) {
      assertThat(agent).isInstanceOf(GatewaySwitch.Enabled.class);
    } else {
      assertThat(agent).isInstanceOf(GatewaySwitch.Disabled.class);
    }
  }

  @org.junit.jupiter.api.Test
  void anEmptySwitchDisablesForBoth() {
    Map<String, String> data = Map.of("enable-external-gw", "", "external-gw-nic", "eth1");
    assertThat(GatewayConfigParser.parse(data).orElseThrow().enabled()).isFalse();
    assertThat(GatewaySwitch.parse(data)).isInstanceOf(GatewaySwitch.Disabled.class);
  }
}

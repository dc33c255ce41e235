package io.ovneip.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AgentOptionsTest {
  @Test
  void defaultsFollowTheSpec() {
    AgentOptions o = AgentOptions.defaults("n1");
    assertThat(o.ovsDb()).isEqualTo("unix:/var/run/openvswitch/db.sock");
    assertThat(o.configNamespace()).isEqualTo("kube-system");
    assertThat(o.externalNet()).isEqualTo("external");
    assertThat(o.bridgeDatapathType()).isEmpty();
    assertThat(o.kubeconfig()).isEmpty();
  }

  @Test
  void blankDatapathTypeMeansUnset() {
    assertThat(AgentOptions.defaults("n1").withBridgeDatapathType(" ").bridgeDatapathType())
        .isEmpty();
    assertThat(AgentOptions.defaults("n1").withBridgeDatapathType("netdev").bridgeDatapathType())
        .contains("netdev");
  }

  @Test
  void nodeNameIsRequired() {
    assertThatThrownBy(() -> AgentOptions.defaults("")).hasMessageContaining("--node-name");
  }
}

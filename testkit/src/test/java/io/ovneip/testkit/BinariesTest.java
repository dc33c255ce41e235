package io.ovneip.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BinariesTest {
  @Test
  void missingBinaryNamesTheInstallCommand() {
    assertThatThrownBy(() -> Binaries.require("no-such-ovs-binary-xyz"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no-such-ovs-binary-xyz")
        .hasMessageContaining(
            "apt-get install -y openvswitch-switch ovn-central ovn-host ovn-common");
  }

  @Test
  void findsBinariesInSbinEvenOffPath() {
    assertThat(Binaries.require("ovsdb-server")).isAbsolute().exists();
  }
}

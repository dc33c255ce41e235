package io.ovneip.model.ovs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InterfaceNamesTest {
  @ParameterizedTest(name = "\"{0}\" valid={1}")
  @CsvSource({
    "eth1,true",
    "enp0s31f6,true",
    "veth-gw.100,true",
    "123456789012345,true",
    "1234567890123456,false",
    "'',false",
    ".,false",
    "..,false",
    "eth/1,false",
    "eth:1,false",
    "'eth 1',false",
  })
  void followsTheKernelRules(String name, boolean valid) {
    assertThat(InterfaceNames.isValid(name)).isEqualTo(valid);
  }
}

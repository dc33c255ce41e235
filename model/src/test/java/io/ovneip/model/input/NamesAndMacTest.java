package io.ovneip.model.input;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NamesAndMacTest {

  @ParameterizedTest
  @ValueSource(strings = {"eth1", "ens3f0", "bond0.100", "enp0s31f6", "a", "abcdefghijklmno"})
  void validInterfaceNames(String name) {
    assertThat(Names.isInterfaceName(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", ".", "..", "abcdefghijklmnop", "eth/1", "eth 1", "eth:1", "eth\t1", "éth0"})
  void invalidInterfaceNames(String name) {
    assertThat(Names.isInterfaceName(name)).isFalse();
  }

  @ParameterizedTest(name = "{0} -> {1}, unicast {2}")
  @CsvSource({
    "16:52:f3:13:6a:25, 16:52:f3:13:6a:25, true",
    "16:52:F3:13:6A:25, 16:52:f3:13:6a:25, true",
    "01:00:5e:00:00:01, 01:00:5e:00:00:01, false",
    "ff:ff:ff:ff:ff:ff, ff:ff:ff:ff:ff:ff, false",
    "00:00:00:00:00:00, 00:00:00:00:00:00, false",
  })
  void macs(String text, String normalised, boolean unicast) {
    MacAddress mac = MacAddress.parse(text).orElseThrow();
    assertThat(mac.text()).isEqualTo(normalised);
    assertThat(mac.isUnicast()).isEqualTo(unicast);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "16:52:f3:13:6a",
        "16-52-f3-13-6a-25",
        "1652.f313.6a25",
        "16:52:f3:13:6a:2g",
        "16:52:f3:13:6a:255"
      })
  void notMacs(String text) {
    assertThat(MacAddress.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "ovn-eip 172.56.0.254/16", "ovn-eip 172.56.0.254/16 fd00::fe/64"})
  void derivedMacsAreStableLocalUnicast(String seed) {
    MacAddress mac = MacAddress.derivedFrom(seed);
    assertThat(mac).isEqualTo(MacAddress.derivedFrom(seed));
    assertThat(mac.isUnicast()).isTrue();
    assertThat(Integer.parseInt(mac.text().substring(0, 2), 16) & 2).isEqualTo(2);
  }
}

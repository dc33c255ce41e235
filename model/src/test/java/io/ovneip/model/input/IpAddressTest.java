package io.ovneip.model.input;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "172.56.0.1, 172.56.0.1, V4",
    "0.0.0.0, 0.0.0.0, V4",
    "255.255.255.255, 255.255.255.255, V4",
    "fd00:0::1, fd00::1, V6",
    "FD00::0001, fd00::1, V6",
    "::, ::, V6",
    "::1, ::1, V6",
    "1::, 1::, V6",
    "2001:db8:0:0:0:0:2:1, 2001:db8::2:1, V6",
    "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1, V6", // one zero group is not shortened
    "2001:0:0:1:0:0:0:1, 2001:0:0:1::1, V6", // the longest run
    "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1, V6", // the first of equal runs
    "::ffff:10.1.2.3, ::ffff:10.1.2.3, V6", // IPv4-mapped keeps the dotted quad
    "::10.1.2.3, ::a01:203, V6",
    "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8, V6",
    "1:2:3:4:5:6:1.2.3.4, 1:2:3:4:5:6:102:304, V6",
    "1::2:3:4:5:6:7, 1:0:2:3:4:5:6:7, V6", // '::' standing for one group is accepted on input
  })
  void parsesToCanonicalText(String text, String canonical, IpFamily family) {
    IpAddress a = IpAddress.parse(text).orElseThrow();
    assertThat(a.text()).isEqualTo(canonical);
    assertThat(a.family()).isEqualTo(family);
    assertThat(IpAddress.of(canonical)).isEqualTo(a);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " 1.2.3.4",
        "1.2.3.4 ",
        "1.2.3",
        "1.2.3.4.5",
        "256.1.1.1",
        "01.2.3.4",
        "1.2.3.-4",
        "1.2.3.4/32",
        "localhost",
        "example.com",
        "0x7f.0.0.1",
        "1::2::3",
        ":1::2",
        "1::2:",
        "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7",
        "12345::1",
        "fe80::1%eth0",
        "g::1",
        "1.2.3.4::",
        "::1.2.3",
        "::256.1.1.1",
        "1:2:3:4:5:6:7:1.2.3.4",
        "１.2.3.4",
        "::１"
      })
  void rejectsWhatIsNotExactlyOneLiteral(String text) {
    assertThat(IpAddress.parse(text)).isEmpty();
  }

  @ParameterizedTest(name = "{0} contains {1}: {2}")
  @CsvSource({
    "172.56.0.254/16, 172.56.0.1, true",
    "172.56.0.254/16, 172.57.0.1, false",
    "172.56.0.254/16, fd00::1, false",
    "10.0.0.0/0, 1.2.3.4, true",
    "10.0.0.1/32, 10.0.0.1, true",
    "10.0.0.1/32, 10.0.0.2, false",
    "fd00:56::fe/64, fd00:56::1, true",
    "fd00:56::fe/64, fd00:57::1, false",
    "fd00:56::fe/56, fd00:56:0:ff::1, true",
    "fd00:56::fe/72, fd00:56::ff:1, true",
    "fd00:56::fe/72, fd00:56:0:0:100::1, false",
    "::/0, fd00::1, true",
  })
  void prefixContains(String prefix, String address, boolean contains) {
    assertThat(IpPrefix.of(prefix).contains(IpAddress.of(address))).isEqualTo(contains);
  }

  @ParameterizedTest(name = "{0}: network {1}")
  @CsvSource({
    "172.56.0.254/16, 172.56.0.0, 172.56.255.255",
    "10.1.2.3/0, 0.0.0.0, 255.255.255.255",
    "10.1.2.3/31, 10.1.2.2, 10.1.2.3",
    "fd00:56::fe/64, fd00:56::, fd00:56::ffff:ffff:ffff:ffff",
  })
  void networkAndBroadcast(String prefix, String network, String filled) {
    IpPrefix p = IpPrefix.of(prefix);
    assertThat(p.network().text()).isEqualTo(network);
    assertThat(p.address().filled(p.length()).text()).isEqualTo(filled);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "172.56.0.1",
        "172.56.0.1/",
        "172.56.0.1/33",
        "fd00::1/129",
        "1.2.3.4/08",
        "1.2.3.4/-1",
        "/16",
        "1.2.3.4/1/2"
      })
  void rejectsBadCidrs(String text) {
    assertThat(IpPrefix.parse(text)).isEmpty();
  }

  @ParameterizedTest(name = "{0}: reserved {1}")
  @CsvSource({"172.56.0.0, true", "172.56.255.255, true", "172.56.0.1, false", "172.57.0.0, false"})
  void reservedHosts(String address, boolean reserved) {
    assertThat(IpPrefix.of("172.56.0.254/16").isReservedHost(IpAddress.of(address)))
        .isEqualTo(reserved);
  }

  @ParameterizedTest
  @CsvSource({
    "10.1.2.3, true",
    "172.18.0.3, true",
    "8.8.8.8, true",
    "2001:db8::1, true",
    "fd00::1, true",
    "169.254.1.1, false",
    "fe80::1, false",
    "febf::1, false",
    "fec0::1, true",
    "127.0.0.1, false",
    "::1, false",
    "0.0.0.0, false",
    "::, false",
    "224.0.0.1, false",
    "ff02::1, false",
    "255.255.255.255, false"
  })
  void globalUnicastAsGoDefinesIt(String address, boolean global) {
    assertThat(IpAddress.of(address).isGlobalUnicast()).isEqualTo(global);
  }
}

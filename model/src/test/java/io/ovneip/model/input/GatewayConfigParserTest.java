package io.ovneip.model.input;

import static io.ovneip.model.testing.Fixtures.seedConfigData;
import static io.ovneip.model.testing.Fixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of docs/behaviour.md §2.1. */
class GatewayConfigParserTest {

  @Test
  void theSeedsConfigMap() {
    GatewayConfig c = GatewayConfigParser.parse(seedConfigData()).orElseThrow();
    assertThat(c.enabled()).isTrue();
    assertThat(c.type()).isEqualTo(GatewayType.CENTRALIZED);
    assertThat(c.nodes()).containsExactly("kube-ovn-worker");
    assertThat(c.nic()).isEqualTo("eth1");
    assertThat(c.gatewayIp(IpFamily.V4)).contains(IpAddress.of("172.56.0.1"));
    assertThat(c.nicIps()).containsExactly(IpPrefix.of("172.56.0.254/16"));
    assertThat(c.mac()).contains(new MacAddress("16:52:f3:13:6a:25"));
    assertThat(c.families()).containsExactly(IpFamily.V4);
  }

  static Stream<Arguments> disabled() {
    return Stream.of(
        Arguments.of("missing ConfigMap", null),
        Arguments.of("enable false", Map.of("enable-external-gw", "false")),
        Arguments.of("enable missing", Map.of("nic-ip", "garbage")),
        Arguments.of(
            "false needs no other key",
            Map.of("enable-external-gw", " false ", "type", "bogus", "nic-ip", "x")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void disabled(String name, Map<String, String> data) {
    assertThat(GatewayConfigParser.parse(data).orElseThrow()).isEqualTo(GatewayConfig.disabled());
  }

  /** One bad value each: the data, and the keys the errors must name. */
  static Stream<Arguments> invalid() {
    Map<String, String> seed = seedConfigData();
    return Stream.of(
        Arguments.of(with(seed, "enable-external-gw", "yes"), List.of("enable-external-gw")),
        Arguments.of(with(seed, "enable-external-gw", "True"), List.of("enable-external-gw")),
        Arguments.of(with(seed, "type", "central"), List.of("type")),
        Arguments.of(with(seed, "external-gw-nodes", null), List.of("external-gw-nodes")),
        Arguments.of(with(seed, "external-gw-nodes", " , "), List.of("external-gw-nodes")),
        Arguments.of(with(seed, "external-gw-nodes", "Worker_1"), List.of("external-gw-nodes")),
        Arguments.of(with(seed, "external-gw-nic", null), List.of("external-gw-nic")),
        Arguments.of(with(seed, "external-gw-nic", "eth1:0"), List.of("external-gw-nic")),
        Arguments.of(
            with(seed, "external-gw-nic", "a-very-long-nic-name"), List.of("external-gw-nic")),
        Arguments.of(with(seed, "external-gw-nic", "br/ext"), List.of("external-gw-nic")),
        Arguments.of(with(seed, "external-gw-addr", null), List.of("external-gw-addr")),
        Arguments.of(with(seed, "external-gw-addr", "172.56.0.1"), List.of("external-gw-addr")),
        Arguments.of(
            with(seed, "external-gw-addr", "172.56.0.1/16,172.56.0.2/16"),
            List.of("external-gw-addr")),
        Arguments.of(with(seed, "external-gw-addr", "a,b,c"), List.of("external-gw-addr")),
        Arguments.of(with(seed, "external-gw-addr", "172.57.0.1/16"), List.of("external-gw-addr")),
        Arguments.of(with(seed, "external-gw-addr", "172.56.0.254/16"), List.of("nic-ip")),
        Arguments.of(with(seed, "external-gw-addr", "172.56.0.0/16"), List.of("external-gw-addr")),
        Arguments.of(with(seed, "external-gw-addr", "224.0.0.1/4"), List.of("external-gw-addr")),
        Arguments.of(with(seed, "nic-ip", null), List.of("nic-ip")),
        Arguments.of(with(seed, "nic-ip", "172.56.0.254"), List.of("nic-ip")),
        Arguments.of(with(seed, "nic-ip", "172.56.255.255/16"), List.of("nic-ip")),
        Arguments.of(with(seed, "nic-ip", "172.56.0.254/16,fd00::fe/64"), List.of("nic-ip")),
        Arguments.of(
            with(
                with(seed, "nic-ip", "fd00::fe/64"),
                "external-gw-addr",
                "fd00::1/64,172.56.0.1/16"),
            List.of("external-gw-addr")),
        Arguments.of(with(seed, "nic-mac", "16:52:f3:13:6a"), List.of("nic-mac")),
        Arguments.of(with(seed, "nic-mac", "01:00:5e:00:00:01"), List.of("nic-mac")));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource
  void invalid(Map<String, String> data, List<String> keys) {
    Validated<GatewayConfig> v = GatewayConfigParser.parse(data);
    assertThat(v.isValid()).isFalse();
    assertThat(v.errors()).extracting(FieldError::key).containsExactlyInAnyOrderElementsOf(keys);
  }

  @Test
  void everyErrorAtOnceEachNamingItsKey() {
    Map<String, String> data = new HashMap<>();
    data.put("enable-external-gw", "true");
    data.put("type", "sideways");
    data.put("external-gw-nic", "");
    data.put("external-gw-addr", "nope");
    data.put("nic-ip", "10.0.0.1");
    data.put("nic-mac", "zz");
    Validated<GatewayConfig> v = GatewayConfigParser.parse(data);
    assertThat(v.errors())
        .extracting(FieldError::key)
        .containsExactlyInAnyOrder(
            "type", "external-gw-nic", "external-gw-addr", "nic-ip", "nic-mac");
  }

  @Test
  void nodesAreTrimmedDeduplicatedAndKeepTheirOrder() {
    GatewayConfig c =
        GatewayConfigParser.parse(with(seedConfigData(), "external-gw-nodes", " b , a,b,, c "))
            .orElseThrow();
    assertThat(c.nodes()).containsExactly("b", "a", "c");
  }

  @Test
  void failbackIsNonPreemptiveUnlessAskedAndAnythingElseIsAnErrorNamingTheKey() {
    assertThat(parse(seedConfigData()).preemptive()).isFalse();
    assertThat(parse(with(seedConfigData(), "gateway-failback", "non-preemptive")).preemptive())
        .isFalse();
    assertThat(parse(with(seedConfigData(), "gateway-failback", " preemptive ")).preemptive())
        .isTrue();
    var bad = GatewayConfigParser.parse(with(seedConfigData(), "gateway-failback", "sometimes"));
    assertThat(bad.errors())
        .singleElement()
        .satisfies(
            e -> assertThat(e.toString()).contains("gateway-failback").contains("sometimes"));
  }

  @Test
  void typeVariants() {
    assertThat(parse(with(seedConfigData(), "type", "centralized")).type())
        .isEqualTo(GatewayType.CENTRALIZED);
    // The seed's spelling.
    assertThat(parse(with(seedConfigData(), "type", "centrailized")).type())
        .isEqualTo(GatewayType.CENTRALIZED);
    GatewayConfig d =
        parse(with(with(seedConfigData(), "type", "distributed"), "external-gw-nodes", null));
    assertThat(d.type()).isEqualTo(GatewayType.DISTRIBUTED);
    assertThat(d.nodes()).isEmpty();
  }

  @Test
  void dualStackInEitherOrder() {
    Map<String, String> data =
        with(seedConfigData(), "external-gw-addr", "fd00:56::1/64, 172.56.0.1/16");
    data = with(data, "nic-ip", "172.56.0.254/16,fd00:56:0::fe/64");
    GatewayConfig c = parse(data);
    assertThat(c.families()).containsExactlyInAnyOrder(IpFamily.V4, IpFamily.V6);
    assertThat(c.gatewayIp(IpFamily.V6)).contains(IpAddress.of("fd00:56::1"));
    assertThat(c.nicIp(IpFamily.V6).orElseThrow().text()).isEqualTo("fd00:56::fe/64");
  }

  @Test
  void macIsNormalisedOrDerivedStablyWhenMissing() {
    assertThat(parse(with(seedConfigData(), "nic-mac", "16:52:F3:13:6A:25")).nicMac().text())
        .isEqualTo("16:52:f3:13:6a:25");
    GatewayConfig a = parse(with(seedConfigData(), "nic-mac", null));
    GatewayConfig b = parse(with(seedConfigData(), "nic-mac", ""));
    assertThat(a.nicMac()).isEqualTo(b.nicMac());
    assertThat(a.nicMac().isUnicast()).isTrue();
  }

  private static GatewayConfig parse(Map<String, String> data) {
    return GatewayConfigParser.parse(data).orElseThrow();
  }
}

package io.ovneip.model.input;

import static io.ovneip.model.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Spec section 2.3. */
class PodIntentParserTest {

  static Map<String, String> ready(String... kv) {
    Map<String, String> a = new HashMap<>();
    a.put(Annotations.ALLOCATED, "true");
    a.put(Annotations.IP_ADDRESS, "10.16.0.5");
    a.put(Annotations.MAC_ADDRESS, "00:00:00:AA:BB:CC");
    for (int i = 0; i < kv.length; i += 2) {
      if (kv[i + 1] == null) {
        a.remove(kv[i]);
      } else {
        a.put(kv[i], kv[i + 1]);
      }
    }
    return a;
  }

  static PodFacts facts(
      String node, boolean hostNetwork, boolean terminated, Map<String, String> a) {
    return new PodFacts(new PodRef("ns", "p"), "u", T0, node, hostNetwork, a, terminated);
  }

  static Stream<Arguments> states() {
    Map<String, String> eip = ready(Annotations.EIP, "172.56.0.233");
    return Stream.of(
        Arguments.of(facts("n1", false, false, eip), PodIntent.State.READY),
        Arguments.of(facts("", false, false, eip), PodIntent.State.NOT_READY),
        Arguments.of(facts(null, false, false, eip), PodIntent.State.NOT_READY),
        Arguments.of(
            facts(
                "n1",
                false,
                false,
                ready(Annotations.EIP, "172.56.0.233", Annotations.ALLOCATED, null)),
            PodIntent.State.NOT_READY),
        Arguments.of(
            facts(
                "n1",
                false,
                false,
                ready(Annotations.EIP, "172.56.0.233", Annotations.ALLOCATED, "false")),
            PodIntent.State.NOT_READY),
        Arguments.of(
            facts(
                "n1",
                false,
                false,
                ready(Annotations.EIP, "172.56.0.233", Annotations.IP_ADDRESS, null)),
            PodIntent.State.NOT_READY),
        Arguments.of(
            facts(
                "n1",
                false,
                false,
                ready(
                    Annotations.EIP,
                    "172.56.0.233",
                    Annotations.IP_ADDRESS,
                    "10.16.0.5,10.16.0.6")),
            PodIntent.State.REFUSED),
        Arguments.of(facts("n1", true, false, eip), PodIntent.State.HOST_NETWORK),
        Arguments.of(facts("n1", false, true, eip), PodIntent.State.TERMINATED));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource
  void states(PodFacts facts, PodIntent.State state) {
    PodIntent p = PodIntentParser.parse(facts);
    assertThat(p.state()).isEqualTo(state);
    assertThat(p.reason().isEmpty()).isEqualTo(state == PodIntent.State.READY);
    assertThat(p.requestsNat()).isTrue();
  }

  @Test
  void readyPodWithDualStackAndPairs() {
    PodIntent p =
        PodIntentParser.parse(
            facts(
                "n1",
                false,
                false,
                ready(
                    Annotations.IP_ADDRESS, "fd00:10:16:0::5, 10.16.0.5",
                    Annotations.EIP, "fd00:56::33,172.56.0.33",
                    Annotations.SNAT, " 172.56.0.200 ")));
    assertThat(p.ips()).containsExactly(IpAddress.of("10.16.0.5"), IpAddress.of("fd00:10:16::5"));
    assertThat(p.ip(IpFamily.V6)).contains(IpAddress.of("fd00:10:16::5"));
    assertThat(p.eips()).containsExactly(IpAddress.of("172.56.0.33"), IpAddress.of("fd00:56::33"));
    assertThat(p.snats()).containsExactly(IpAddress.of("172.56.0.200"));
    assertThat(p.mac()).contains(new MacAddress("00:00:00:aa:bb:cc"));
    assertThat(p.errors()).isEmpty();
  }

  static Stream<Arguments> badRequests() {
    return Stream.of(
        Arguments.of(Annotations.EIP, "172.56.0.x"),
        Arguments.of(Annotations.EIP, "172.56.0.1/32"),
        Arguments.of(Annotations.SNAT, "172.56.0.1,172.56.0.2"),
        Arguments.of(Annotations.SNAT, "1.1.1.1,fd00::1,fd00::2"),
        Arguments.of(Annotations.EIP, "example.com"));
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource
  void badRequests(String key, String value) {
    PodIntent p = PodIntentParser.parse(facts("n1", false, false, ready(key, value)));
    assertThat(p.errors()).extracting(FieldError::key).containsExactly(key);
    assertThat(p.eips()).isEmpty();
    assertThat(p.snats()).isEmpty();
    assertThat(p.requestsNat()).isTrue();
  }

  @Test
  void emptyAnnotationsAreNoRequestAndABadMacRefusesThePod() {
    PodIntent p =
        PodIntentParser.parse(
            facts(
                "n1",
                false,
                false,
                ready(
                    Annotations.EIP, "", Annotations.SNAT, "  ", Annotations.MAC_ADDRESS, "nope")));
    assertThat(p.requestsNat()).isFalse();
    assertThat(p.mac()).isEmpty();
    assertThat(p.state()).isEqualTo(PodIntent.State.REFUSED);
    assertThat(p.reason()).isEqualTo(Annotations.MAC_ADDRESS + ": \"nope\" is not a MAC address");
  }
}

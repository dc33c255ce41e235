package io.ovneip.model.desired;

import static io.ovneip.model.testing.Fixtures.SETTINGS;
import static io.ovneip.model.testing.Fixtures.T0;
import static io.ovneip.model.testing.Fixtures.eip;
import static io.ovneip.model.testing.Fixtures.intent;
import static io.ovneip.model.testing.Fixtures.pod;
import static io.ovneip.model.testing.Fixtures.snat;
import static org.assertj.core.api.Assertions.assertThat;

import io.ovneip.model.input.Annotations;
import io.ovneip.model.input.GatewayConfig;
import io.ovneip.model.input.GatewayConfigParser;
import io.ovneip.model.input.GatewaySettings;
import io.ovneip.model.input.PodFacts;
import io.ovneip.model.input.PodIntent;
import io.ovneip.model.input.PodRef;
import io.ovneip.model.nb.NatType;
import io.ovneip.model.nb.NbNat;
import io.ovneip.model.nb.NbRouterPolicy;
import io.ovneip.model.nb.OwnerKey;
import io.ovneip.model.testing.Fixtures;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Pod rows (docs/behaviour.md §3) and the rules of docs/behaviour.md §2.3, §4.4 and §4.5. */
class PodDesiredTest {
  static final PodRef A = new PodRef("default", "a");

  static DesiredResult build(GatewayConfig config, PodFacts... pods) {
    List<PodIntent> intents = Stream.of(pods).map(Fixtures::intent).toList();
    return DesiredNb.build(SETTINGS, config, Fixtures.nodes(), intents, Fixtures.portsOf(intents));
  }

  static PodOutcome outcome(DesiredResult r, String name) {
    return r.pod(new PodRef("default", name)).orElseThrow();
  }

  @Test
  void theReroutePolicyTakesThePriorityOfTheFlag() {
    GatewaySettings s =
        GatewaySettings.of("kube-system", "external", 0, "external", "ovn-cluster", 29300)
            .value()
            .orElseThrow();
    List<PodIntent> intents = List.of(Fixtures.intent(pod("pod-eip", 6, eip("172.56.0.233"))));
    DesiredResult r =
        DesiredNb.build(
            s, Fixtures.seedConfig(), Fixtures.nodes(), intents, Fixtures.portsOf(intents));
    assertThat(outcome(r, "pod-eip").rows())
        .filteredOn(NbRouterPolicy.class::isInstance)
        .extracting(row -> ((NbRouterPolicy) row).priority())
        .containsExactly(29300L);
  }

  @Test
  void snatAndEipRowsOfTheSeed() {
    DesiredResult r =
        build(
            Fixtures.seedConfig(),
            pod("pod-snat", 5, snat("172.56.0.200")),
            pod("pod-eip", 6, eip("172.56.0.233")));
    OwnerKey snatOwner = OwnerKey.pod(new PodRef("default", "pod-snat"));
    OwnerKey eipOwner = OwnerKey.pod(new PodRef("default", "pod-eip"));
    assertThat(outcome(r, "pod-snat").rows())
        .containsExactlyInAnyOrder(
            NbNat.centralized(snatOwner, NatType.SNAT, "172.56.0.200", "10.16.0.5"),
            new NbRouterPolicy(
                snatOwner, 29260, "ip4.src == 10.16.0.5", "reroute", List.of("172.56.0.1")));
    assertThat(outcome(r, "pod-eip").rows())
        .containsExactlyInAnyOrder(
            NbNat.centralized(eipOwner, NatType.DNAT_AND_SNAT, "172.56.0.233", "10.16.0.6"),
            new NbRouterPolicy(
                eipOwner, 29260, "ip4.src == 10.16.0.6", "reroute", List.of("172.56.0.1")));
    assertThat(outcome(r, "pod-eip").status()).isEqualTo(PodOutcome.Status.APPLIED);
    assertThat(outcome(r, "pod-eip").addresses())
        .extracting(AddressOutcome::eventReason)
        .containsExactly("EIPApplied");
    assertThat(outcome(r, "pod-snat").addresses())
        .extracting(AddressOutcome::eventReason)
        .containsExactly("SNATApplied");
  }

  @Test
  void distributedEipBindsThePortAndMac() {
    GatewayConfig distributed =
        Fixtures.config(Fixtures.with(Fixtures.seedConfigData(), "type", "distributed"));
    PodFacts p = pod("pod-eip", 6, eip("172.56.0.233"));
    DesiredResult r = build(distributed, p, pod("pod-snat", 5, snat("172.56.0.200")));
    OwnerKey owner = OwnerKey.pod(p.pod());
    String mac = p.annotations().get(Annotations.MAC_ADDRESS);
    assertThat(outcome(r, "pod-eip").rows())
        .contains(
            new NbNat(
                owner,
                NatType.DNAT_AND_SNAT,
                "172.56.0.233",
                "10.16.0.6",
                Optional.of("pod-eip.default"),
                Optional.of(mac),
                Map.of("stateless", "true")));
    // SNAT stays centralized.
    assertThat(outcome(r, "pod-snat").rows())
        .filteredOn(NbNat.class::isInstance)
        .allMatch(n -> ((NbNat) n).logicalPort().isEmpty());
  }

  @Test
  void distributedEipWithoutAPodMacIsInvalid() {
    GatewayConfig distributed =
        Fixtures.config(Fixtures.with(Fixtures.seedConfigData(), "type", "distributed"));
    Map<String, String> a = new HashMap<>(eip("172.56.0.233"));
    a.put(Annotations.MAC_ADDRESS, "");
    DesiredResult r = build(distributed, pod("p", 6, a));
    assertThat(outcome(r, "p").status()).isEqualTo(PodOutcome.Status.INVALID);
    assertThat(outcome(r, "p").rows()).isEmpty();
  }

  @Test
  void dualStackPairsFamilies() {
    PodFacts p =
        pod(
            "default",
            "ds",
            T0,
            "10.16.0.9,fd00:10:16::9",
            Map.of(Annotations.EIP, "fd00:56::50,172.56.0.50", Annotations.SNAT, "fd00:56::200"));
    DesiredResult r = build(Fixtures.dualStackConfig(), p);
    OwnerKey o = OwnerKey.pod(p.pod());
    assertThat(outcome(r, "ds").rows())
        .containsExactlyInAnyOrder(
            NbNat.centralized(o, NatType.DNAT_AND_SNAT, "172.56.0.50", "10.16.0.9"),
            NbNat.centralized(o, NatType.DNAT_AND_SNAT, "fd00:56::50", "fd00:10:16::9"),
            NbNat.centralized(o, NatType.SNAT, "fd00:56::200", "fd00:10:16::9"),
            new NbRouterPolicy(o, 29260, "ip4.src == 10.16.0.9", "reroute", List.of("172.56.0.1")),
            new NbRouterPolicy(
                o, 29260, "ip6.src == fd00:10:16::9", "reroute", List.of("fd00:56::1")));
  }

  @Test
  void aFamilyThePodLacksIsRejectedAndTheOtherApplies() {
    DesiredResult r =
        build(Fixtures.dualStackConfig(), pod("p", 7, eip("172.56.0.50,fd00:56::50")));
    PodOutcome o = outcome(r, "p");
    assertThat(o.status()).isEqualTo(PodOutcome.Status.INVALID);
    assertThat(o.addresses())
        .extracting(a -> a.address() + " " + a.status())
        .containsExactly("172.56.0.50 APPLIED", "fd00:56::50 INVALID");
    assertThat(o.rows()).hasSize(2); // the IPv4 NAT and policy
    assertThat(o.routable()).isTrue();
  }

  static Stream<Arguments> invalidAddresses() {
    return Stream.of(
        Arguments.of(eip("172.56.0.254"), "nic-ip"),
        Arguments.of(snat("172.56.0.1"), "external-gw-addr"),
        Arguments.of(eip("172.57.0.9"), "outside every nic-ip network"),
        Arguments.of(snat("10.16.0.77"), "outside every nic-ip network"),
        Arguments.of(eip("172.56.255.255"), "broadcast"),
        Arguments.of(eip("fd00:56::9"), "no IPv6 network"),
        Arguments.of(eip("not-an-ip"), "not one IP address"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource
  void invalidAddresses(Map<String, String> annotation, String reason) {
    PodOutcome o = outcome(build(Fixtures.seedConfig(), pod("p", 1, annotation)), "p");
    assertThat(o.status()).isEqualTo(PodOutcome.Status.INVALID);
    assertThat(o.rows()).isEmpty();
    assertThat(o.addresses())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.reason()).contains(reason);
              assertThat(a.eventReason()).isEqualTo("InvalidAnnotation");
            });
  }

  /** The CNI's values for a pod, checked like user input: (IP annotation, MAC annotation). */
  static Stream<Arguments> unusablePodValues() {
    String mac = "00:00:00:aa:bb:01";
    return Stream.of(
        Arguments.of("0.0.0.0", mac, "unspecified"),
        Arguments.of("127.0.0.1", mac, "loopback"),
        Arguments.of("224.0.0.5", mac, "multicast"),
        Arguments.of("255.255.255.255", mac, "broadcast"),
        Arguments.of("169.254.1.1", mac, "link-local"),
        Arguments.of("172.56.0.77", mac, "inside the nic-ip network 172.56.0.0/16"),
        Arguments.of("10.16.0.7,::1", mac, "loopback"),
        Arguments.of("010.016.000.007", mac, "is not one IP"),
        Arguments.of("10.16.0.7", "01:00:5e:00:00:01", "not a unicast MAC"),
        Arguments.of("10.16.0.7", "ff:ff:ff:ff:ff:ff", "not a unicast MAC"),
        Arguments.of("10.16.0.7", "00:00:00:00:00:00", "not a unicast MAC"),
        Arguments.of("10.16.0.7", "00:00:00:aa:bb", "not a MAC address"));
  }

  @ParameterizedTest(name = "ip={0} mac={1}")
  @MethodSource
  void unusablePodValues(String ip, String mac, String reason) {
    PodFacts bad =
        pod(
            "default",
            "bad",
            T0.plusSeconds(1),
            ip,
            Map.of(Annotations.MAC_ADDRESS, mac, Annotations.EIP, "172.56.0.50"));
    DesiredResult r = build(Fixtures.seedConfig(), bad, pod("good", 2, eip("172.56.0.51")));
    PodOutcome o = outcome(r, "bad");
    assertThat(o.status()).isEqualTo(PodOutcome.Status.INVALID);
    assertThat(o.reason()).contains(reason);
    assertThat(o.reason().length()).isLessThan(200);
    assertThat(o.rows()).isEmpty();
    assertThat(outcome(r, "good").status()).isEqualTo(PodOutcome.Status.APPLIED);
  }

  /** Conflict scenarios: pods (name, creation second, annotations) and who gets rejected. */
  static Stream<Arguments> conflicts() {
    return Stream.of(
        Arguments.of(
            "EIP claimed twice: earlier wins",
            List.of(p("a", 1, eip("172.56.0.9")), p("b", 2, eip("172.56.0.9"))),
            "b",
            "a"),
        Arguments.of(
            "EIP after a SNAT use",
            List.of(p("a", 1, snat("172.56.0.9")), p("b", 2, eip("172.56.0.9"))),
            "b",
            "a"),
        Arguments.of(
            "SNAT after an EIP",
            List.of(p("a", 1, eip("172.56.0.9")), p("b", 2, snat("172.56.0.9"))),
            "b",
            "a"),
        Arguments.of(
            "same creation time: namespace/name decides",
            List.of(p("b", 1, eip("172.56.0.9")), p("a", 1, eip("172.56.0.9"))),
            "b",
            "a"),
        Arguments.of(
            "EIP loses to the first of several SNAT users",
            List.of(
                p("s1", 1, snat("172.56.0.9")),
                p("s2", 2, snat("172.56.0.9")),
                p("e", 3, eip("172.56.0.9"))),
            "e",
            "s1"));
  }

  static PodFacts p(String name, int second, Map<String, String> annotations) {
    return pod(
        "default",
        name,
        T0.plusSeconds(second),
        "10.16.0." + (name.hashCode() & 0x7f),
        annotations);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void conflicts(String name, List<PodFacts> pods, String loser, String winner) {
    List<PodFacts> shuffled = new ArrayList<>(pods);
    for (long seed = 0; seed < 5; seed++) { // the input order never matters
      Collections.shuffle(shuffled, new Random(seed));
      DesiredResult r = build(Fixtures.seedConfig(), shuffled.toArray(PodFacts[]::new));
      PodOutcome lost = outcome(r, loser);
      assertThat(lost.status()).isEqualTo(PodOutcome.Status.CONFLICT);
      assertThat(lost.rows()).isEmpty();
      assertThat(lost.routable()).isFalse();
      assertThat(lost.addresses())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.winner()).contains(new PodRef("default", winner));
                assertThat(a.eventReason()).endsWith("Conflict");
              });
      assertThat(outcome(r, winner).status()).isEqualTo(PodOutcome.Status.APPLIED);
    }
  }

  @Test
  void snatAddressesAreSharedFreely() {
    DesiredResult r =
        build(
            Fixtures.seedConfig(),
            pod("a", 1, snat("172.56.0.200")),
            pod("b", 2, snat("172.56.0.200")),
            pod("c", 3, snat("172.56.0.200")));
    assertThat(r.pods().values()).allMatch(o -> o.status() == PodOutcome.Status.APPLIED);
    assertThat(r.state().orElseThrow().allRows()).filteredOn(NbNat.class::isInstance).hasSize(3);
  }

  @Test
  void handOverWhenTheWinnerLetsGo() {
    PodFacts first = pod("first", 1, eip("172.56.0.9"));
    PodFacts second = pod("second", 2, eip("172.56.0.9"));
    assertThat(outcome(build(Fixtures.seedConfig(), first, second), "second").status())
        .isEqualTo(PodOutcome.Status.CONFLICT);
    // The winner is deleted, or drops its annotation: the next claimant gets the address.
    assertThat(outcome(build(Fixtures.seedConfig(), second), "second").status())
        .isEqualTo(PodOutcome.Status.APPLIED);
    PodFacts firstWithout = pod("first", 1, Map.of());
    assertThat(outcome(build(Fixtures.seedConfig(), firstWithout, second), "second").status())
        .isEqualTo(PodOutcome.Status.APPLIED);
  }

  @Test
  void theSameAddressAsOwnEipAndSnatKeepsTheEip() {
    PodOutcome o =
        outcome(
            build(
                Fixtures.seedConfig(),
                pod("p", 1, Map.of(Annotations.EIP, "172.56.0.9", Annotations.SNAT, "172.56.0.9"))),
            "p");
    assertThat(o.addresses())
        .extracting(a -> a.request() + " " + a.status())
        .containsExactly("EIP APPLIED", "SNAT INVALID");
  }

  @Test
  void twoPodsReportingOneIpDoNotProduceDuplicateRows() {
    PodFacts a = pod("default", "a", T0, "10.16.0.5", snat("172.56.0.200"));
    PodFacts b = pod("default", "b", T0.plusSeconds(1), "10.16.0.5", snat("172.56.0.200"));
    DesiredResult r = build(Fixtures.seedConfig(), a, b);
    assertThat(outcome(r, "b").status()).isEqualTo(PodOutcome.Status.CONFLICT);
    assertThat(r.state().orElseThrow().allRows()).filteredOn(NbNat.class::isInstance).hasSize(1);
  }

  @Test
  void podsThatAreNotHandled() {
    PodFacts unscheduled =
        new PodFacts(
            new PodRef("default", "u"),
            "u",
            T0,
            "",
            false,
            Map.of(Annotations.EIP, "172.56.0.9"),
            false);
    PodFacts host =
        new PodFacts(
            new PodRef("default", "h"),
            "h",
            T0,
            "n",
            true,
            Map.of(Annotations.EIP, "172.56.0.9"),
            false);
    PodFacts hostPlain =
        new PodFacts(new PodRef("default", "hp"), "hp", T0, "n", true, Map.of(), false);
    PodFacts gone =
        new PodFacts(
            new PodRef("default", "g"),
            "g",
            T0,
            "n",
            false,
            Map.of(Annotations.EIP, "172.56.0.9"),
            true);
    PodFacts plain = pod("plain", 3, Map.of());
    DesiredResult r = build(Fixtures.seedConfig(), unscheduled, host, hostPlain, gone, plain);
    assertThat(outcome(r, "u").status()).isEqualTo(PodOutcome.Status.NOT_READY);
    assertThat(outcome(r, "h").status()).isEqualTo(PodOutcome.Status.IGNORED);
    assertThat(outcome(r, "h").reason()).contains("host-network");
    assertThat(outcome(r, "hp").status()).isEqualTo(PodOutcome.Status.NO_REQUEST);
    assertThat(outcome(r, "g").status()).isEqualTo(PodOutcome.Status.GONE);
    assertThat(outcome(r, "plain").status()).isEqualTo(PodOutcome.Status.NO_REQUEST);
    assertThat(r.state().orElseThrow().owners()).containsExactly(OwnerKey.GATEWAY);
  }

  @Test
  void gatewayDisabledOrInvalidGatesPods() {
    List<PodIntent> pods =
        List.of(intent(pod("a", 1, eip("172.56.0.9"))), intent(pod("b", 2, Map.of())));
    DesiredResult off =
        DesiredNb.build(
            SETTINGS, GatewayConfig.disabled(), Fixtures.nodes(), pods, Fixtures.portsOf(pods));
    assertThat(off.pods().get(new PodRef("default", "a")).status())
        .isEqualTo(PodOutcome.Status.GATEWAY_DISABLED);
    assertThat(off.pods().get(new PodRef("default", "b")).status())
        .isEqualTo(PodOutcome.Status.NO_REQUEST);
    DesiredResult bad =
        DesiredNb.build(
            SETTINGS,
            GatewayConfigParser.parse(Map.of("enable-external-gw", "maybe")),
            Fixtures.nodes(),
            pods,
            Fixtures.portsOf(pods));
    assertThat(bad.pods().get(new PodRef("default", "a")).status())
        .isEqualTo(PodOutcome.Status.GATEWAY_INVALID);
    assertThat(bad.state()).isEmpty();
  }

  @Test
  void podIntentOrderDoesNotMatterForTheWholeResult() {
    List<PodIntent> pods = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      pods.add(
          intent(
              pod(
                  "p" + i,
                  i,
                  i % 3 == 0
                      ? eip("172.56.0." + (i % 7 + 10))
                      : snat("172.56.0." + (i % 5 + 10)))));
    }
    DesiredResult expected =
        DesiredNb.build(
            SETTINGS, Fixtures.seedConfig(), Fixtures.nodes(), pods, Fixtures.portsOf(pods));
    Collections.shuffle(pods, new Random(42));
    assertThat(
            DesiredNb.build(
                SETTINGS, Fixtures.seedConfig(), Fixtures.nodes(), pods, Fixtures.portsOf(pods)))
        .isEqualTo(expected);
  }
}

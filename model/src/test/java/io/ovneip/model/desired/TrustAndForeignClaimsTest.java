package io.ovneip.model.desired;

import static io.ovneip.model.testing.Fixtures.SETTINGS;
import static io.ovneip.model.testing.Fixtures.eip;
import static io.ovneip.model.testing.Fixtures.intent;
import static io.ovneip.model.testing.Fixtures.pod;
import static io.ovneip.model.testing.Fixtures.snat;
import static org.assertj.core.api.Assertions.assertThat;

import io.ovneip.model.input.GatewayConfig;
import io.ovneip.model.input.IpAddress;
import io.ovneip.model.input.NorthboundFacts;
import io.ovneip.model.input.PodIntent;
import io.ovneip.model.input.PodRef;
import io.ovneip.model.testing.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spec 2.3 (a pod's IP is trusted only through its port on a subnet of the cluster router) and 4.5
 * (NAT rows and reroute policies not ours are claimants that always win).
 */
class TrustAndForeignClaimsTest {

  /** Facts with one port for pod "p" and the given foreign rows. */
  record Facts(Optional<PodPort> port, List<ForeignNat> nats, List<ForeignPolicy> policies)
      implements NorthboundFacts {
    @Override
    public Optional<PodPort> podPort(PodRef pod) {
      return pod.name().equals("p") ? port : Optional.empty();
    }

    @Override
    public List<ForeignNat> foreignNats(IpAddress externalIp) {
      return nats.stream().filter(n -> n.externalIp().equals(externalIp.text())).toList();
    }

    @Override
    public List<ForeignPolicy> foreignPolicies(String match) {
      return policies.stream().filter(p -> p.match().equals(match)).toList();
    }
  }

  static Optional<NorthboundFacts.PodPort> port(NorthboundFacts.SwitchKind kind, String addr) {
    return Optional.of(
        new NorthboundFacts.PodPort("p.default", "ovn-default", kind, List.of(addr)));
  }

  static final String OK_ADDR = "00:00:00:00:00:05 10.16.0.5";
  static final NorthboundFacts.ForeignNat FOREIGN_EIP =
      new NorthboundFacts.ForeignNat("u1", "dnat_and_snat", "172.56.0.9", "10.16.0.50");
  static final NorthboundFacts.ForeignNat FOREIGN_SNAT =
      new NorthboundFacts.ForeignNat("u2", "snat", "172.56.0.9", "10.16.0.0/16");
  static final NorthboundFacts.ForeignPolicy FOREIGN_POLICY =
      new NorthboundFacts.ForeignPolicy("u3", 29250, "ip4.src == 10.16.0.5", "reroute");

  static Stream<Arguments> cases() {
    var cluster = NorthboundFacts.SwitchKind.CLUSTER;
    return Stream.of(
        Arguments.of(
            "no port",
            new Facts(Optional.empty(), List.of(), List.of()),
            eip("172.56.0.9"),
            PodOutcome.Status.PORT_NOT_FOUND),
        Arguments.of(
            "port with another IP",
            new Facts(port(cluster, "00:00:00:00:00:05 10.16.0.6"), List.of(), List.of()),
            eip("172.56.0.9"),
            PodOutcome.Status.PORT_MISMATCH),
        Arguments.of(
            "other VPC",
            new Facts(port(NorthboundFacts.SwitchKind.OTHER, OK_ADDR), List.of(), List.of()),
            eip("172.56.0.9"),
            PodOutcome.Status.OTHER_NETWORK),
        Arguments.of(
            "underlay",
            new Facts(port(NorthboundFacts.SwitchKind.UNDERLAY, OK_ADDR), List.of(), List.of()),
            eip("172.56.0.9"),
            PodOutcome.Status.OTHER_NETWORK),
        Arguments.of(
            "proven",
            new Facts(port(cluster, OK_ADDR), List.of(), List.of()),
            eip("172.56.0.9"),
            PodOutcome.Status.APPLIED),
        Arguments.of(
            "EIP vs foreign EIP",
            new Facts(port(cluster, OK_ADDR), List.of(FOREIGN_EIP), List.of()),
            eip("172.56.0.9"),
            PodOutcome.Status.CONFLICT),
        Arguments.of(
            "EIP vs foreign SNAT",
            new Facts(port(cluster, OK_ADDR), List.of(FOREIGN_SNAT), List.of()),
            eip("172.56.0.9"),
            PodOutcome.Status.CONFLICT),
        Arguments.of(
            "SNAT vs foreign EIP",
            new Facts(port(cluster, OK_ADDR), List.of(FOREIGN_EIP), List.of()),
            snat("172.56.0.9"),
            PodOutcome.Status.CONFLICT),
        Arguments.of(
            "SNAT shares a foreign SNAT",
            new Facts(port(cluster, OK_ADDR), List.of(FOREIGN_SNAT), List.of()),
            snat("172.56.0.9"),
            PodOutcome.Status.APPLIED),
        Arguments.of(
            "foreign reroute of the pod IP",
            new Facts(port(cluster, OK_ADDR), List.of(), List.of(FOREIGN_POLICY)),
            snat("172.56.0.9"),
            PodOutcome.Status.CONFLICT));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void verdict(String name, Facts facts, Map<String, String> ask, PodOutcome.Status expected) {
    PodIntent p = intent(pod("p", 5, ask));
    DesiredResult r =
        DesiredNb.build(SETTINGS, Fixtures.seedConfig(), Fixtures.nodes(), List.of(p), facts);
    PodOutcome o = r.pod(p.pod()).orElseThrow();
    assertThat(o.status()).isEqualTo(expected);
    assertThat(o.rows().isEmpty()).isEqualTo(expected != PodOutcome.Status.APPLIED);
    if (expected == PodOutcome.Status.CONFLICT) {
      assertThat(o.addresses().get(0).reason()).contains("u").contains("not ours");
      assertThat(o.addresses().get(0).winner()).isEmpty();
    }
  }

  @ParameterizedTest(name = "distributed EIP, port MAC {0}")
  @MethodSource("macs")
  void aDistributedEipNeedsThePortToHoldTheMac(String portMac, PodOutcome.Status expected) {
    GatewayConfig distributed =
        Fixtures.config(Fixtures.with(Fixtures.seedConfigData(), "type", "distributed"));
    Map<String, String> ask = new java.util.HashMap<>(eip("172.56.0.9"));
    ask.put("ovn.kubernetes.io/mac_address", "00:00:00:00:00:05");
    PodIntent p = intent(pod("default", "p", Fixtures.T0, "10.16.0.5", ask));
    Facts facts =
        new Facts(
            port(NorthboundFacts.SwitchKind.CLUSTER, portMac + " 10.16.0.5"), List.of(), List.of());
    DesiredResult r = DesiredNb.build(SETTINGS, distributed, Fixtures.nodes(), List.of(p), facts);
    assertThat(r.pod(p.pod()).orElseThrow().status()).isEqualTo(expected);
  }

  static Stream<Arguments> macs() {
    return Stream.of(
        Arguments.of("00:00:00:00:00:05", PodOutcome.Status.APPLIED),
        Arguments.of("00:00:00:00:00:99", PodOutcome.Status.PORT_MISMATCH));
  }
}

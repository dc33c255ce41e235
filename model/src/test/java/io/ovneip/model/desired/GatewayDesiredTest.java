package io.ovneip.model.desired;

import static io.ovneip.model.testing.Fixtures.SETTINGS;
import static io.ovneip.model.testing.Fixtures.seedConfigData;
import static io.ovneip.model.testing.Fixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.ovneip.model.input.GatewayConfig;
import io.ovneip.model.input.GatewayConfigParser;
import io.ovneip.model.input.GatewaySettings;
import io.ovneip.model.input.NodeInfo;
import io.ovneip.model.input.NodeInventory;
import io.ovneip.model.nb.NbGatewayChassis;
import io.ovneip.model.nb.NbLogicalSwitch;
import io.ovneip.model.nb.NbRouterPort;
import io.ovneip.model.nb.NbRow;
import io.ovneip.model.nb.NbSwitchPort;
import io.ovneip.model.nb.OwnerKey;
import io.ovneip.model.testing.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The gateway rows of docs/behaviour.md §3 and the gateway behaviour of sections 2.4, 4.2, 4.3. */
class GatewayDesiredTest {
  static final OwnerKey GW = OwnerKey.GATEWAY;

  static DesiredResult build(GatewaySettings s, Map<String, String> data, NodeInventory nodes) {
    return DesiredNb.build(
        s, GatewayConfigParser.parse(data), nodes, List.of(), Fixtures.portsOf(List.of()));
  }

  @Test
  void theSeedsGateway() {
    DesiredResult r = build(SETTINGS, seedConfigData(), Fixtures.nodes());
    assertThat(r.state().orElseThrow().rows(GW))
        .containsExactlyInAnyOrder(
            new NbLogicalSwitch(GW, "external"),
            new NbSwitchPort(
                GW,
                "localnet.external",
                "localnet",
                List.of("unknown"),
                Map.of("network_name", "external"),
                Optional.empty()),
            new NbSwitchPort(
                GW,
                "external-ovn-cluster",
                "router",
                List.of("router"),
                Map.of("router-port", "ovn-cluster-external"),
                Optional.empty()),
            new NbRouterPort(
                GW,
                "ovn-cluster-external",
                "16:52:f3:13:6a:25",
                List.of("172.56.0.254/16"),
                // The config it was built from, canonical (docs/behaviour.md §2.1).
                Optional.of(
                    "enable-external-gw=true&external-gw-addr=172.56.0.1/16"
                        + "&external-gw-nic=eth1&external-gw-nodes=kube-ovn-worker"
                        + "&gateway-failback=non-preemptive&nic-ip=172.56.0.254/16"
                        + "&nic-mac=16:52:f3:13:6a:25&type=centralized")),
            new NbGatewayChassis(
                GW,
                "ovn-cluster-external-chassis-kube-ovn-worker",
                "chassis-kube-ovn-worker",
                100));
    assertThat(r.gatewayNodes()).contains(List.of("kube-ovn-worker"));
    assertThat(r.gateway()).isInstanceOf(GatewayOutcome.Applied.class);
  }

  @Test
  void flagsShapeNamesAndVlanTag() {
    GatewaySettings s = new GatewaySettings("ns", "physnet", 100, "ext", "lr0");
    List<NbRow> rows = build(s, seedConfigData(), Fixtures.nodes()).state().orElseThrow().rows(GW);
    assertThat(rows)
        .contains(
            new NbSwitchPort(
                GW,
                "localnet.ext",
                "localnet",
                List.of("unknown"),
                Map.of("network_name", "physnet"),
                Optional.of(100L)),
            new NbSwitchPort(
                GW,
                "ext-lr0",
                "router",
                List.of("router"),
                Map.of("router-port", "lr0-ext"),
                Optional.empty()));
    assertThat(rows)
        .extracting(NbRow::naturalKey)
        .contains("lr0-ext", "lr0-ext-chassis-kube-ovn-worker");
  }

  @Test
  void priorityFollowsTheListAndProblemsAreReported() {
    NodeInventory nodes =
        new NodeInventory(
            List.of(
                new NodeInfo("a", Optional.of("ch-a")),
                new NodeInfo("b", Optional.empty()), // resolved from SB by hostname
                new NodeInfo("c", Optional.empty()), // no chassis anywhere
                new NodeInfo("d", Optional.of("ch-a"))), // same chassis as a
            Map.of("b", "ch-b"));
    DesiredResult r =
        build(SETTINGS, with(seedConfigData(), "external-gw-nodes", "b,x,c,a,d"), nodes);
    assertThat(r.state().orElseThrow().rows(GW))
        .filteredOn(NbGatewayChassis.class::isInstance)
        .containsExactlyInAnyOrder(
            new NbGatewayChassis(GW, "ovn-cluster-external-ch-b", "ch-b", 100),
            new NbGatewayChassis(GW, "ovn-cluster-external-ch-a", "ch-a", 97));
    GatewayOutcome.Applied a = (GatewayOutcome.Applied) r.gateway();
    assertThat(a.chassisByPriority()).containsExactly("ch-b", "ch-a");
    assertThat(a.unknownNodes()).containsExactly("x");
    assertThat(a.nodesWithoutChassis()).containsExactly("c");
    assertThat(a.duplicateChassis()).containsExactly("d");
    assertThat(r.gatewayNodes()).contains(List.of("b", "c", "a", "d"));
  }

  @Test
  void aDemotedChassisGetsTheLowestPriorityAndKeepsItsPlaceInTheOutcome() {
    // docs/behaviour.md §5.6: the demoted chassis goes to the floor, the others keep theirs.
    List<NodeInfo> list =
        List.of(
            new NodeInfo("a", Optional.of("ch-a")),
            new NodeInfo("b", Optional.of("ch-b")),
            new NodeInfo("c", Optional.of("ch-c")));
    DesiredResult r =
        build(
            SETTINGS,
            with(seedConfigData(), "external-gw-nodes", "a,b,c"),
            new NodeInventory(list, Map.of(), Optional.empty(), java.util.Set.of("ch-a")));
    assertThat(r.state().orElseThrow().rows(GW))
        .filteredOn(NbGatewayChassis.class::isInstance)
        .extracting(
            row ->
                ((NbGatewayChassis) row).chassisName() + "=" + ((NbGatewayChassis) row).priority())
        .containsExactlyInAnyOrder("ch-a=0", "ch-b=99", "ch-c=98");
    assertThat(((GatewayOutcome.Applied) r.gateway()).chassisByPriority())
        .containsExactly("ch-a", "ch-b", "ch-c");
  }

  @Test
  void distributedMakesEveryNodeWithAChassisAGateway() {
    NodeInventory nodes =
        NodeInventory.of(
            List.of(
                new NodeInfo("n2", Optional.of("c2")),
                new NodeInfo("n1", Optional.of("c1")),
                new NodeInfo("n3", Optional.empty())));
    DesiredResult r =
        build(
            SETTINGS,
            with(with(seedConfigData(), "type", "distributed"), "external-gw-nodes", "ignored"),
            nodes);
    assertThat(r.state().orElseThrow().rows(GW))
        .filteredOn(NbGatewayChassis.class::isInstance)
        .extracting(
            row ->
                ((NbGatewayChassis) row).chassisName() + "=" + ((NbGatewayChassis) row).priority())
        .containsExactlyInAnyOrder("c1=100", "c2=99");
    assertThat(r.gatewayNodes()).contains(List.of("n1", "n2"));
  }

  @Test
  void moreThanAHundredNodesStayWithinTheSchema() {
    List<NodeInfo> many = new java.util.ArrayList<>();
    for (int i = 0; i < 120; i++) {
      many.add(new NodeInfo(String.format("n%03d", i), Optional.of("c" + i)));
    }
    DesiredResult r =
        build(SETTINGS, with(seedConfigData(), "type", "distributed"), NodeInventory.of(many));
    assertThat(r.state().orElseThrow().rows(GW))
        .filteredOn(NbGatewayChassis.class::isInstance)
        .extracting(row -> ((NbGatewayChassis) row).priority())
        .allMatch(p -> p >= 0 && p <= 100);
  }

  @Test
  void disabledWantsNothingAndNoGatewayNodes() {
    DesiredResult r =
        DesiredNb.build(
            SETTINGS,
            GatewayConfig.disabled(),
            Fixtures.nodes(),
            List.of(),
            Fixtures.portsOf(List.of()));
    assertThat(r.gateway()).isInstanceOf(GatewayOutcome.Disabled.class);
    assertThat(r.state().orElseThrow().allRows()).isEmpty();
    assertThat(r.gatewayNodes()).contains(List.of());
  }

  @Test
  void invalidIsExplicitAndCarriesNoStateToApply() {
    DesiredResult r = build(SETTINGS, with(seedConfigData(), "nic-mac", "bad"), Fixtures.nodes());
    assertThat(r.gateway()).isInstanceOf(GatewayOutcome.Invalid.class);
    assertThat(((GatewayOutcome.Invalid) r.gateway()).errors()).hasSize(1);
    assertThat(r.state()).isEmpty();
    assertThat(r.gatewayNodes()).isEmpty();
  }
}

package io.ovneip.model.ovs;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovneip.model.input.IpAddress;
import io.ovneip.model.ovs.ObservedOvs.BridgeRow;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OvsDiffTest {
  private static final Map<String, String> OURS = OvsOwnership.marks();
  private static final Map<String, String> HOST =
      Map.of("system-id", "node-1", BridgeMappings.KEY, "physnet:br-phys");

  /** One row of the table: a starting database, an input, what must happen. */
  record Case(
      String name,
      Supplier<FakeOvsDb> start,
      AgentInput input,
      OvsPlan.Outcome outcome,
      List<Finding.Kind> findings,
      Consumer<ObservedOvs> after) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "gateway on a fresh host: bridge, internal port, NIC, mapping merged",
            OvsDiffTest::hostWithBrInt,
            gateway("eth1"),
            OvsPlan.Outcome.APPLY,
            List.of(),
            db -> {
              assertGatewayBridge(db, "eth1");
              assertThat(db.mappings().render()).isEqualTo("physnet:br-phys,external:br-external");
              assertBrIntIntact(db);
            }),
        new Case(
            "gateway, no mapping key yet: key created",
            () -> FakeOvsDb.initialized(Map.of("system-id", "n")),
            gateway("eth1"),
            OvsPlan.Outcome.APPLY,
            List.of(),
            db -> assertThat(db.mappings().render()).isEqualTo("external:br-external")),
        new Case(
            "already converged: nothing to write",
            OvsDiffTest::converged,
            gateway("eth1"),
            OvsPlan.Outcome.CONVERGED,
            List.of(),
            db -> assertGatewayBridge(db, "eth1")),
        new Case(
            "NIC port deleted by hand: re-added",
            () -> {
              FakeOvsDb db = hostWithBrInt();
              db.addBridge("br-external", OURS, Map.of("br-external", "internal"));
              db.setRootExternalId(BridgeMappings.KEY, "physnet:br-phys,external:br-external");
              return db;
            },
            gateway("eth1"),
            OvsPlan.Outcome.APPLY,
            List.of(),
            db -> assertGatewayBridge(db, "eth1")),
        new Case(
            "mapping removed by hand: only the mapping is written back",
            () -> {
              FakeOvsDb db = hostWithBrInt();
              db.addBridge("br-external", OURS, Map.of("br-external", "internal", "eth1", ""));
              return db;
            },
            gateway("eth1"),
            OvsPlan.Outcome.APPLY,
            List.of(),
            db -> assertThat(db.mappings().contains("external", "br-external")).isTrue()),
        new Case(
            "mapping key points to another bridge: refused, neither mapping nor bridge written",
            () ->
                FakeOvsDb.initialized(
                    Map.of(BridgeMappings.KEY, "external:br-old, physnet:br-phys")),
            gateway("eth1"),
            OvsPlan.Outcome.REFUSED,
            List.of(Finding.Kind.MAPPING_TAKEN),
            db -> {
              assertThat(db.root().orElseThrow().externalIds())
                  .containsEntry(BridgeMappings.KEY, "external:br-old, physnet:br-phys");
              assertThat(db.bridge("br-external")).isEmpty();
            }),
        new Case(
            "NIC carries the default route: refused, nothing written",
            OvsDiffTest::hostWithBrInt,
            nic(new NicFacts(true, List.of(), true, Optional.empty()), Set.of()),
            OvsPlan.Outcome.REFUSED,
            List.of(Finding.Kind.NIC_UNSAFE),
            db -> {
              assertThat(db.bridge("br-external")).isEmpty();
              assertThat(db.mappings().render()).isEqualTo("physnet:br-phys");
            }),
        new Case(
            "NIC holds the node's InternalIP: refused, nothing written",
            OvsDiffTest::hostWithBrInt,
            nic(
                new NicFacts(true, List.of(IpAddress.of("172.18.0.3")), false, Optional.empty()),
                Set.of(IpAddress.of("172.18.0.3"))),
            OvsPlan.Outcome.REFUSED,
            List.of(Finding.Kind.NIC_UNSAFE),
            db -> assertThat(db.bridge("br-external")).isEmpty()),
        new Case(
            "NIC holds a global IPv6 address: refused, our bridge kept as it was",
            OvsDiffTest::converged,
            nic(
                new NicFacts(true, List.of(IpAddress.of("2001:db8::5")), false, Optional.empty()),
                Set.of()),
            OvsPlan.Outcome.REFUSED,
            List.of(Finding.Kind.NIC_UNSAFE),
            db -> assertGatewayBridge(db, "eth1")),
        new Case(
            "NIC probe failed: refused (unknown is not safe)",
            OvsDiffTest::hostWithBrInt,
            nic(NicFacts.unknown("ip: command not found"), Set.of()),
            OvsPlan.Outcome.REFUSED,
            List.of(Finding.Kind.NIC_UNSAFE),
            db -> assertThat(db.bridge("br-external")).isEmpty()),
        new Case(
            "NIC with link-local addresses only: bridged",
            OvsDiffTest::hostWithBrInt,
            nic(
                new NicFacts(
                    true,
                    List.of(IpAddress.of("fe80::1"), IpAddress.of("169.254.7.7")),
                    false,
                    Optional.empty()),
                Set.of(IpAddress.of("172.18.0.3"))),
            OvsPlan.Outcome.APPLY,
            List.of(),
            db -> assertGatewayBridge(db, "eth1")),
        new Case(
            "NIC changed: stale owned port removed, new NIC attached",
            OvsDiffTest::converged,
            gateway("eth2"),
            OvsPlan.Outcome.APPLY,
            List.of(),
            db -> {
              assertGatewayBridge(db, "eth2");
              assertThat(db.port("eth1")).isEmpty();
            }),
        new Case(
            "internal interface type edited by hand: corrected",
            () -> {
              FakeOvsDb db = hostWithBrInt();
              db.addBridge("br-external", OURS, Map.of("br-external", "", "eth1", ""));
              db.setRootExternalId(BridgeMappings.KEY, "physnet:br-phys,external:br-external");
              return db;
            },
            gateway("eth1"),
            OvsPlan.Outcome.APPLY,
            List.of(),
            db -> assertGatewayBridge(db, "eth1")),
        new Case(
            "NIC in another bridge: refused, nothing written",
            () -> {
              FakeOvsDb db = hostWithBrInt();
              db.addBridge("br-phys", Map.of(), Map.of("br-phys", "internal", "eth1", ""));
              return db;
            },
            gateway("eth1"),
            OvsPlan.Outcome.REFUSED,
            List.of(Finding.Kind.NIC_IN_OTHER_BRIDGE),
            db -> {
              assertThat(db.bridge("br-external")).isEmpty();
              assertThat(db.bridgeHolding("eth1").map(BridgeRow::name)).contains("br-phys");
            }),
        new Case(
            "br-external made by hand: refused",
            () -> {
              FakeOvsDb db = hostWithBrInt();
              db.addBridge("br-external", Map.of(), Map.of("br-external", "internal"));
              return db;
            },
            gateway("eth1"),
            OvsPlan.Outcome.REFUSED,
            List.of(Finding.Kind.BRIDGE_NOT_OWNED),
            db -> assertThat(db.port("eth1")).isEmpty()),
        new Case(
            "NIC absent on host: bridge without NIC, reported",
            OvsDiffTest::hostWithBrInt,
            new AgentInput(
                "node-1",
                NodeRole.GATEWAY,
                new GatewaySwitch.Enabled("eth1"),
                "external",
                Optional.empty(),
                false),
            OvsPlan.Outcome.APPLY,
            List.of(Finding.Kind.NIC_ABSENT),
            db -> {
              assertThat(db.bridge("br-external")).isPresent();
              assertThat(db.port("eth1")).isEmpty();
            }),
        new Case(
            "NIC vanished from host but attached: kept, reported",
            OvsDiffTest::converged,
            new AgentInput(
                "node-1",
                NodeRole.GATEWAY,
                new GatewaySwitch.Enabled("eth1"),
                "external",
                Optional.empty(),
                false),
            OvsPlan.Outcome.CONVERGED,
            List.of(Finding.Kind.NIC_ABSENT),
            db -> assertGatewayBridge(db, "eth1")),
        new Case(
            "datapath type asked: set on the existing bridge",
            OvsDiffTest::converged,
            new AgentInput(
                "node-1",
                NodeRole.GATEWAY,
                new GatewaySwitch.Enabled("eth1"),
                "external",
                Optional.of("netdev"),
                true),
            OvsPlan.Outcome.APPLY,
            List.of(),
            db ->
                assertThat(db.bridge("br-external").orElseThrow().datapathType())
                    .isEqualTo("netdev")),
        new Case(
            "label false: our bridge and mapping entry removed, the rest untouched",
            OvsDiffTest::converged,
            role(NodeRole.NOT_GATEWAY, new GatewaySwitch.Enabled("eth1")),
            OvsPlan.Outcome.APPLY,
            List.of(),
            db -> {
              assertThat(db.bridge("br-external")).isEmpty();
              assertThat(db.port("eth1")).isEmpty();
              assertThat(db.port("br-external")).isEmpty();
              assertThat(db.mappings().render()).isEqualTo("physnet:br-phys");
              assertThat(db.root().orElseThrow().externalIds())
                  .containsEntry("system-id", "node-1");
              assertBrIntIntact(db);
            }),
        new Case(
            "gateway disabled: removed; mapping key dropped when ours was the only entry",
            () -> {
              FakeOvsDb db = FakeOvsDb.initialized(Map.of());
              db.addBridge("br-external", OURS, Map.of("br-external", "internal", "eth1", ""));
              db.setRootExternalId(BridgeMappings.KEY, "external:br-external");
              return db;
            },
            role(NodeRole.GATEWAY, new GatewaySwitch.Disabled("test")),
            OvsPlan.Outcome.APPLY,
            List.of(),
            db -> {
              assertThat(db.bridges()).isEmpty();
              assertThat(db.root().orElseThrow().externalIds())
                  .doesNotContainKey(BridgeMappings.KEY);
            }),
        new Case(
            "label false, someone added a port to our bridge: bridge and that port kept, ours gone",
            () -> {
              FakeOvsDb db = converged();
              db.addForeignPort("br-external", "vnet7");
              return db;
            },
            role(NodeRole.NOT_GATEWAY, new GatewaySwitch.Enabled("eth1")),
            OvsPlan.Outcome.APPLY,
            List.of(Finding.Kind.FOREIGN_PORTS_KEPT),
            db -> {
              assertThat(db.bridge("br-external")).isPresent();
              assertThat(db.bridgeHolding("vnet7").map(BridgeRow::name)).contains("br-external");
              assertThat(db.port("eth1")).isEmpty();
              assertThat(db.port("br-external")).isEmpty();
              assertThat(db.mappings().render()).isEqualTo("physnet:br-phys");
            }),
        new Case(
            "label false less than the debounce interval ago: held, bridge kept",
            OvsDiffTest::converged,
            new AgentInput(
                "node-1",
                NodeRole.NOT_GATEWAY,
                new GatewaySwitch.Enabled("eth1"),
                "external",
                Optional.empty(),
                NicFacts.bare(),
                Set.of(),
                true),
            OvsPlan.Outcome.HELD,
            List.of(Finding.Kind.REMOVAL_DEFERRED),
            db -> assertGatewayBridge(db, "eth1")),
        new Case(
            "not a gateway and nothing of ours: no write",
            OvsDiffTest::hostWithBrInt,
            role(NodeRole.NOT_GATEWAY, new GatewaySwitch.Disabled("test")),
            OvsPlan.Outcome.CONVERGED,
            List.of(),
            OvsDiffTest::assertBrIntIntact),
        new Case(
            "not a gateway, br-external made by hand: kept with its mapping",
            () -> {
              FakeOvsDb db =
                  FakeOvsDb.initialized(Map.of(BridgeMappings.KEY, "external:br-external"));
              db.addBridge("br-external", Map.of(), Map.of("br-external", "internal"));
              return db;
            },
            role(NodeRole.NOT_GATEWAY, new GatewaySwitch.Disabled("test")),
            OvsPlan.Outcome.CONVERGED,
            List.of(Finding.Kind.FOREIGN_BRIDGE_KEPT),
            db -> {
              assertThat(db.bridge("br-external")).isPresent();
              assertThat(db.mappings().render()).isEqualTo("external:br-external");
            }),
        new Case(
            "invalid ConfigMap: hold, even over our bridge",
            OvsDiffTest::converged,
            role(NodeRole.GATEWAY, new GatewaySwitch.Invalid(List.of("bad"))),
            OvsPlan.Outcome.HELD,
            List.of(Finding.Kind.INPUT_HELD),
            db -> assertGatewayBridge(db, "eth1")),
        new Case(
            "unknown node: hold",
            OvsDiffTest::converged,
            role(NodeRole.UNKNOWN, new GatewaySwitch.Disabled("test")),
            OvsPlan.Outcome.HELD,
            List.of(Finding.Kind.INPUT_HELD),
            db -> assertGatewayBridge(db, "eth1")),
        new Case(
            "no Open_vSwitch row: hold",
            FakeOvsDb::new,
            gateway("eth1"),
            OvsPlan.Outcome.HELD,
            List.of(Finding.Kind.NO_ROOT_ROW),
            db -> assertThat(db.bridges()).isEmpty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void appliesThenConverges(Case c) {
    FakeOvsDb db = c.start().get();
    OvsPlan plan = OvsDiff.compute(DesiredOvs.build(c.input()), db.observed());

    assertThat(plan.outcome()).isEqualTo(c.outcome());
    assertThat(plan.findings().stream().map(Finding::kind).collect(Collectors.toList()))
        .containsExactlyInAnyOrderElementsOf(c.findings());
    assertThat(plan.changes().isEmpty()).isEqualTo(plan.outcome() != OvsPlan.Outcome.APPLY);

    db.transact(plan.operations());
    c.after().accept(db.observed());

    OvsPlan again = OvsDiff.compute(DesiredOvs.build(c.input()), db.observed());
    assertThat(again.operations()).as("apply then diff: %s", again.changes()).isEmpty();
  }

  /** Every starting state under every input: one plan always reaches a fixed point. */
  @org.junit.jupiter.api.Test
  void everyStartUnderEveryInputConvergesInOneTransaction() {
    List<Case> all = cases().toList();
    for (Case from : all) {
      for (Case to : all) {
        FakeOvsDb db = from.start().get();
        var foreign = db.observed().bridges().values().stream().filter(b -> !b.owned()).toList();
        OvsPlan plan = OvsDiff.compute(DesiredOvs.build(to.input()), db.observed());
        db.transact(plan.operations());
        OvsPlan again = OvsDiff.compute(DesiredOvs.build(to.input()), db.observed());
        assertThat(again.operations())
            .as("from [%s] to input of [%s]: %s", from, to, again.changes())
            .isEmpty();
        assertThat(db.observed().bridges().values())
            .as("bridges not ours survive [%s]", to)
            .containsAll(foreign);
      }
    }
  }

  @org.junit.jupiter.api.Test
  void internalPortNameOnAnotherBridgeIsRefused() {
    FakeOvsDb db = hostWithBrInt();
    db.addBridge("br-other", Map.of(), Map.of("br-external", "internal"));
    OvsPlan plan = OvsDiff.compute(DesiredOvs.build(gateway("eth1")), db.observed());
    assertThat(plan.outcome()).isEqualTo(OvsPlan.Outcome.REFUSED);
    assertThat(plan.findings())
        .extracting(Finding::kind)
        .containsExactly(Finding.Kind.PORT_NAME_TAKEN);
  }

  @org.junit.jupiter.api.Test
  void datapathTypeIsOnlyWrittenWhenAsked() {
    FakeOvsDb db = hostWithBrInt();
    db.transact(OvsDiff.compute(DesiredOvs.build(gateway("eth1")), db.observed()).operations());
    assertThat(db.observed().bridge("br-external").orElseThrow().datapathType()).isEmpty();
  }

  // --- fixtures --------------------------------------------------------------------------------

  static AgentInput gateway(String nic) {
    return role(NodeRole.GATEWAY, new GatewaySwitch.Enabled(nic));
  }

  static AgentInput nic(NicFacts facts, Set<IpAddress> nodeIps) {
    return new AgentInput(
        "node-1",
        NodeRole.GATEWAY,
        new GatewaySwitch.Enabled("eth1"),
        "external",
        Optional.empty(),
        facts,
        nodeIps,
        false);
  }

  static AgentInput role(NodeRole role, GatewaySwitch gw) {
    return new AgentInput("node-1", role, gw, "external", Optional.empty(), true);
  }

  /** A node where the CNI made br-int and another mapping exists. */
  static FakeOvsDb hostWithBrInt() {
    FakeOvsDb db = FakeOvsDb.initialized(HOST);
    db.addBridge("br-int", Map.of(), Map.of("br-int", "internal", "pod1_h", ""));
    return db;
  }

  static FakeOvsDb converged() {
    FakeOvsDb db = hostWithBrInt();
    db.transact(OvsDiff.compute(DesiredOvs.build(gateway("eth1")), db.observed()).operations());
    return db;
  }

  static void assertGatewayBridge(ObservedOvs db, String nic) {
    BridgeRow bridge = db.bridge("br-external").orElseThrow();
    assertThat(bridge.owned()).isTrue();
    assertThat(db.root().orElseThrow().bridges()).contains(bridge.uuid());
    var ports = db.portsOf(bridge).values();
    assertThat(ports)
        .extracting(ObservedOvs.PortRow::name)
        .containsExactlyInAnyOrder("br-external", nic);
    for (var p : ports) {
      var iface = db.interfaceOf(p).orElseThrow();
      assertThat(iface.name()).isEqualTo(p.name());
      assertThat(iface.type()).isEqualTo(p.name().equals("br-external") ? "internal" : "");
      assertThat(p.owned()).isTrue();
      assertThat(iface.owned()).isTrue();
    }
  }

  static void assertBrIntIntact(ObservedOvs db) {
    BridgeRow brInt = db.bridge("br-int").orElseThrow();
    assertThat(db.portsOf(brInt).values())
        .extracting(ObservedOvs.PortRow::name)
        .containsExactlyInAnyOrder("br-int", "pod1_h");
  }
}

package io.ovneip.model.nb;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovneip.model.input.PodRef;
import io.ovneip.ovsdb.protocol.OvsdbMap;
import io.ovneip.ovsdb.protocol.OvsdbSet;
import io.ovneip.ovsdb.protocol.Row;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NbRowsTest {
  static final OwnerKey POD = OwnerKey.pod(new PodRef("ns", "p"));

  static Stream<NbRow> rows() {
    return Stream.of(
        new NbLogicalSwitch(OwnerKey.GATEWAY, "external"),
        new NbSwitchPort(
            OwnerKey.GATEWAY,
            "localnet.external",
            "localnet",
            List.of("unknown"),
            Map.of("network_name", "external"),
            Optional.of(100L)),
        new NbRouterPort(
            OwnerKey.GATEWAY,
            "ovn-cluster-external",
            "16:52:f3:13:6a:25",
            List.of("fd00::fe/64", "172.56.0.254/16")),
        // With the config it was built from in external_ids (docs/behaviour.md §2.1).
        new NbRouterPort(
            OwnerKey.GATEWAY,
            "ovn-cluster-external",
            "16:52:f3:13:6a:25",
            List.of("172.56.0.254/16"),
            Optional.of("enable-external-gw=true&nic-ip=172.56.0.254/16")),
        new NbGatewayChassis(OwnerKey.GATEWAY, "ovn-cluster-external-c1", "c1", 100),
        new NbNat(
            POD,
            NatType.DNAT_AND_SNAT,
            "172.56.0.9",
            "10.16.0.5",
            Optional.of("p.ns"),
            Optional.of("00:00:00:00:00:01"),
            Map.of("stateless", "true")),
        NbNat.centralized(POD, NatType.SNAT, "172.56.0.200", "10.16.0.5"),
        new NbRouterPolicy(POD, 29250, "ip4.src == 10.16.0.5", "reroute", List.of("172.56.0.1")));
  }

  @ParameterizedTest
  @MethodSource("rows")
  void roundTripsThroughTheRowRepresentation(NbRow row) {
    assertThat(NbRows.fromRow(row.table(), row.toRow())).contains(row);
  }

  @ParameterizedTest
  @MethodSource("rows")
  void acceptsBareAtomsForOneElementSets(NbRow row) {
    Map<String, Object> cols = new HashMap<>(row.columns());
    cols.replaceAll(
        (k, v) ->
            v instanceof OvsdbSet s && s.elements().size() == 1
                ? s.elements().iterator().next()
                : v);
    assertThat(NbRows.fromRow(row.table(), Row.of(cols))).contains(row);
    assertThat(row.table().naturalKey(Row.of(cols))).isEqualTo(row.naturalKey());
  }

  @Test
  void rowsWithoutAnOwnerAreNotOurs() {
    Row kubeOvns =
        Row.of(
            Map.of(
                "type",
                "snat",
                "external_ip",
                "1.1.1.1",
                "logical_ip",
                "10.0.0.1",
                "external_ids",
                OvsdbMap.of(Map.of("vendor", "kube-ovn"))));
    assertThat(NbRows.fromRow(NbTable.NAT, kubeOvns)).isEmpty();
    assertThat(ExternalIds.ownerOf(kubeOvns)).isEmpty();
  }

  @Test
  void ownerKeys() {
    assertThat(POD.value()).isEqualTo("pod/ns/p");
    assertThat(POD.pod()).contains(new PodRef("ns", "p"));
    assertThat(OwnerKey.GATEWAY.pod()).isEmpty();
    assertThat(new OwnerKey("pod/x").pod()).isEmpty();
    assertThat(new OwnerKey("pod/a/b/c").pod()).isEmpty();
    assertThat(OwnerKey.parse("")).isEmpty();
  }

  @Test
  void columnsCompareAsOvsdbDoes() {
    assertThat(Columns.same(OvsdbSet.of("a"), "a")).isTrue();
    assertThat(Columns.same(OvsdbSet.empty(), null)).isTrue();
    assertThat(Columns.same(OvsdbMap.empty(), null)).isTrue();
    assertThat(Columns.same(5L, 5)).isTrue();
    assertThat(Columns.same(OvsdbSet.of("a", "b"), OvsdbSet.of("b", "a"))).isTrue();
    assertThat(Columns.same(OvsdbSet.of("a"), OvsdbSet.of("b"))).isFalse();
  }
}

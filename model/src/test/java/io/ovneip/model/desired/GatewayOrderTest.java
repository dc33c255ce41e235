package io.ovneip.model.desired;

import static io.ovneip.model.testing.Fixtures.SETTINGS;
import static io.ovneip.model.testing.Fixtures.seedConfigData;
import static io.ovneip.model.testing.Fixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.ovneip.model.input.GatewayConfigParser;
import io.ovneip.model.input.NodeInfo;
import io.ovneip.model.input.NodeInventory;
import io.ovneip.model.nb.NbGatewayChassis;
import io.ovneip.model.nb.OwnerKey;
import io.ovneip.model.testing.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The order of the gateway chassis (docs/behaviour.md §3.1): cordoned gateway nodes last, the
 * active chassis kept first unless failback is preemptive, else the configured order.
 */
class GatewayOrderTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        // configured a,b,c; cordoned; active; failback; expected chassis=priority
        Arguments.of(Set.of(), null, "", List.of("ca=100", "cb=99", "cc=98")),
        Arguments.of(Set.of(), "ca", "", List.of("ca=100", "cb=99", "cc=98")),
        // Drain: the cordoned (active) node goes last, the others move up in configured order.
        Arguments.of(Set.of("a"), "ca", "", List.of("cb=100", "cc=99", "ca=98")),
        Arguments.of(Set.of("b"), "ca", "", List.of("ca=100", "cc=99", "cb=98")),
        Arguments.of(Set.of("a", "b"), null, "", List.of("cc=100", "ca=99", "cb=98")),
        // After a failover to b: b stays first, so a returns as a backup (non-preemptive).
        Arguments.of(Set.of(), "cb", "", List.of("cb=100", "ca=99", "cc=98")),
        Arguments.of(Set.of(), "cb", "non-preemptive", List.of("cb=100", "ca=99", "cc=98")),
        // Uncordon after a drain: the configured order for the backups, the active one first.
        Arguments.of(Set.of(), "cc", "", List.of("cc=100", "ca=99", "cb=98")),
        // Preemptive: always the configured order.
        Arguments.of(Set.of(), "cb", "preemptive", List.of("ca=100", "cb=99", "cc=98")),
        Arguments.of(Set.of("a"), "cb", "preemptive", List.of("cb=100", "cc=99", "ca=98")),
        // A cordoned active chassis is not kept first; an unknown active one changes nothing.
        Arguments.of(Set.of("b"), "cb", "", List.of("ca=100", "cc=99", "cb=98")),
        Arguments.of(Set.of(), "someone-else", "", List.of("ca=100", "cb=99", "cc=98")));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void order(Set<String> cordoned, String active, String failback, List<String> expected) {
    NodeInventory nodes =
        new NodeInventory(
            Stream.of("a", "b", "c")
                .map(n -> new NodeInfo(n, Optional.of("c" + n), cordoned.contains(n)))
                .toList(),
            Map.of(),
            Optional.ofNullable(active));
    Map<String, String> data = with(seedConfigData(), "external-gw-nodes", "a,b,c");
    if (!failback.isEmpty()) {
      data = with(data, GatewayConfigParser.FAILBACK, failback);
    }
    DesiredResult r =
        DesiredNb.build(
            SETTINGS,
            GatewayConfigParser.parse(data),
            nodes,
            List.of(),
            Fixtures.portsOf(List.of()));
    List<String> byPriority =
        r.state().orElseThrow().rows(OwnerKey.GATEWAY).stream()
            .filter(NbGatewayChassis.class::isInstance)
            .map(NbGatewayChassis.class::cast)
            .sorted(java.util.Comparator.comparingLong(NbGatewayChassis::priority).reversed())
            .map(g -> g.chassisName() + "=" + g.priority())
            .toList();
    assertThat(byPriority).containsExactlyElementsOf(expected);
  }
}

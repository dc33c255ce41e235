package io.ovneip.model.realized;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** docs/behaviour.md §5.6: a gateway chassis whose ovn-controller stopped catching up. */
class GatewayLagTest {
  static final long THRESHOLD = 10_000;
  static final List<String> GATEWAYS = List.of("gw1", "gw2");

  static SbProgress sb(long global, Map<String, Long> reports) {
    Map<String, SbProgress.Report> r = new java.util.HashMap<>();
    reports.forEach((c, n) -> r.put(c, new SbProgress.Report(n, 0)));
    return new SbProgress(OptionalLong.of(global), r, reports.keySet(), Map.of());
  }

  @Test
  void stuckLongerThanTheThresholdWhileOthersCatchUpIsDemotedThenRestored() {
    GatewayLag.Step s =
        GatewayLag.step(
            GatewayLag.State.initial(),
            GATEWAYS,
            sb(5, Map.of("gw1", 4L, "gw2", 5L)),
            0,
            THRESHOLD);
    assertThat(s.demoted()).isEmpty();
    // Still behind the value it waited for, at the threshold: not yet.
    s =
        GatewayLag.step(
            s.state(), GATEWAYS, sb(6, Map.of("gw1", 4L, "gw2", 6L)), THRESHOLD, THRESHOLD);
    assertThat(s.demoted()).isEmpty();
    s =
        GatewayLag.step(
            s.state(), GATEWAYS, sb(7, Map.of("gw1", 4L, "gw2", 7L)), THRESHOLD + 1, THRESHOLD);
    assertThat(s.demoted()).containsExactly("gw1");
    assertThat(s.stuckNotMoved()).isEmpty();
    // It catches up: restored at once.
    s =
        GatewayLag.step(
            s.state(), GATEWAYS, sb(7, Map.of("gw1", 7L, "gw2", 7L)), THRESHOLD + 2, THRESHOLD);
    assertThat(s.demoted()).isEmpty();
  }

  @Test
  void aHealthyChassisUnderSteadyBumpsIsNeverStuck() {
    // Always one behind, but each value is reached a second after it appears.
    GatewayLag.State state = GatewayLag.State.initial();
    for (long t = 0; t <= 60_000; t += 1_000) {
      long global = 1 + t / 1_000;
      GatewayLag.Step s =
          GatewayLag.step(
              state, GATEWAYS, sb(global, Map.of("gw1", global - 1, "gw2", global)), t, THRESHOLD);
      assertThat(s.demoted()).isEmpty();
      assertThat(s.stuckNotMoved()).isEmpty();
      state = s.state();
    }
  }

  @Test
  void aChassisAloneInTheListIsReportedNotMoved() {
    List<String> alone = List.of("gw1");
    GatewayLag.Step s =
        GatewayLag.step(
            GatewayLag.State.initial(), alone, sb(5, Map.of("gw1", 4L, "n2", 5L)), 0, THRESHOLD);
    s =
        GatewayLag.step(
            s.state(), alone, sb(5, Map.of("gw1", 4L, "n2", 5L)), THRESHOLD + 1, THRESHOLD);
    assertThat(s.demoted()).isEmpty();
    assertThat(s.stuckNotMoved()).containsExactly("gw1");
  }

  @Test
  void nobodyCatchingUpMovesNobody() {
    // Every chassis stuck: the fault is not one chassis'; and no healthy gateway to move to.
    GatewayLag.Step s =
        GatewayLag.step(
            GatewayLag.State.initial(),
            GATEWAYS,
            sb(5, Map.of("gw1", 4L, "gw2", 4L)),
            0,
            THRESHOLD);
    s =
        GatewayLag.step(
            s.state(), GATEWAYS, sb(5, Map.of("gw1", 4L, "gw2", 4L)), THRESHOLD + 1, THRESHOLD);
    assertThat(s.demoted()).isEmpty();
    assertThat(s.stuckNotMoved()).containsExactlyInAnyOrder("gw1", "gw2");
  }

  @Test
  void bothGatewaysStuckWhileANodeCatchesUpMovesNeither() {
    GatewayLag.Step s =
        GatewayLag.step(
            GatewayLag.State.initial(),
            GATEWAYS,
            sb(5, Map.of("gw1", 4L, "gw2", 3L, "n3", 5L)),
            0,
            THRESHOLD);
    s =
        GatewayLag.step(
            s.state(),
            GATEWAYS,
            sb(5, Map.of("gw1", 4L, "gw2", 3L, "n3", 5L)),
            THRESHOLD + 1,
            THRESHOLD);
    assertThat(s.demoted()).isEmpty();
    assertThat(s.stuckNotMoved()).containsExactlyInAnyOrder("gw1", "gw2");
  }
}

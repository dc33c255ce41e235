package io.ovneip.model.realized;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which gateway chassis has stopped catching up with {@code nb_cfg} (docs/behaviour.md §5.6).
 *
 * <p>BFD lives in ovs-vswitchd, so when only a gateway's ovn-controller dies OVN keeps the gateway
 * where it is and new rows never reach its flows. The sign is in the Southbound: that chassis'
 * {@code Chassis_Private.nb_cfg} stays behind {@code SB_Global.nb_cfg} while other chassis move on.
 *
 * <p>Per chassis the state remembers the oldest {@code SB_Global.nb_cfg} it has not reached and
 * since when: a healthy chassis under a steady stream of bumps is always a little behind, but it
 * reaches each value soon after; a stuck one never does. A chassis is <em>stuck</em> once that wait
 * is longer than the threshold. Stuck gateway chassis are demoted (given the lowest priority) only
 * while some chassis is not stuck (the others catch up, so the fault is that chassis', not
 * ovn-northd's) and the list keeps one chassis that is not stuck; a chassis alone in the list, or a
 * list whose every chassis is stuck, is reported and not moved. A demoted chassis is restored as
 * soon as it reaches the value it waited for.
 */
public final class GatewayLag {
  /** The oldest value a chassis has not reached, and since when (edge milliseconds). */
  public record Waiting(long nbCfg, long sinceMillis) {}

  /** What is remembered between steps: by chassis name. */
  public record State(Map<String, Waiting> waiting) {
    public State {
      waiting = Map.copyOf(waiting);
    }

    public static State initial() {
      return new State(Map.of());
    }
  }

  /**
   * The decision of one step.
   *
   * @param demoted gateway chassis to give the lowest priority
   * @param stuckNotMoved stuck gateway chassis left where they are (alone in the list, or no
   *     healthy chassis to move the gateway to)
   */
  public record Step(State state, Set<String> demoted, Set<String> stuckNotMoved) {
    public Step {
      demoted = Set.copyOf(demoted);
      stuckNotMoved = Set.copyOf(stuckNotMoved);
    }
  }

  private GatewayLag() {}

  /**
   * @param gatewayChassis the configured gateway chassis, highest priority first
   * @param sb the Southbound's progress now
   * @param nowMillis the edge's clock
   * @param thresholdMillis how long a chassis may wait for one value before it is stuck
   */
  public static Step step(
      State previous,
      List<String> gatewayChassis,
      SbProgress sb,
      long nowMillis,
      long thresholdMillis) {
    Map<String, Waiting> waiting = new HashMap<>();
    if (sb.sbNbCfg().isPresent()) {
      long global = sb.sbNbCfg().getAsLong();
      sb.reports()
          .forEach(
              (chassis, report) -> {
                Waiting before = previous.waiting().get(chassis);
                if (before != null && report.nbCfg() < before.nbCfg()) {
                  waiting.put(chassis, before); // still waiting for the same value
                } else if (report.nbCfg() < global) {
                  waiting.put(chassis, new Waiting(global, nowMillis));
                }
              });
    }
    Set<String> stuck = new LinkedHashSet<>();
    waiting.forEach(
        (chassis, w) -> {
          if (nowMillis - w.sinceMillis() > thresholdMillis) {
            stuck.add(chassis);
          }
        });
    boolean othersCatchUp = sb.reports().keySet().stream().anyMatch(c -> !stuck.contains(c));
    boolean healthyGatewayLeft =
        gatewayChassis.stream().anyMatch(c -> sb.reports().containsKey(c) && !stuck.contains(c));
    Set<String> demoted = new LinkedHashSet<>();
    Set<String> notMoved = new LinkedHashSet<>();
    for (String chassis : gatewayChassis) {
      if (!stuck.contains(chassis)) {
        continue;
      }
      if (gatewayChassis.size() > 1 && othersCatchUp && healthyGatewayLeft) {
        demoted.add(chassis);
      } else {
        notMoved.add(chassis);
      }
    }
    return new Step(new State(waiting), demoted, notMoved);
  }
}

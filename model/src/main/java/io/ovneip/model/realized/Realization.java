package io.ovneip.model.realized;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a pod's latest rows are in the flows of every chassis that serves it
 * (docs/behaviour.md §5.5). The pod's transaction raised {@code NB_Global.nb_cfg} to {@code
 * target}; ovn-northd copies it to {@code SB_Global.nb_cfg} once the Southbound holds the
 * translation, and an ovn-controller reports it in {@code Chassis_Private.nb_cfg} once its flows
 * are installed. A chassis at or past {@code target} has the pod's rows (and everything committed
 * before them). Each pod is judged on its own: a lagging chassis holds up only the pods it serves.
 */
public final class Realization {
  private Realization() {}

  /**
   * @param target the {@code nb_cfg} the pod's rows were committed under (or a later one read when
   *     they were already committed)
   * @param places where the rows take effect ({@link Place#of})
   * @param gatewayPort the router's gateway port, whose {@code cr-} binding is the active gateway
   */
  public static RealizedVerdict judge(
      long target, Set<Place> places, SbProgress sb, String gatewayPort) {
    if (sb.sbNbCfg().isEmpty() || sb.sbNbCfg().getAsLong() < target) {
      return new RealizedVerdict(
          false,
          RealizedVerdict.NORTHD_BEHIND,
          "ovn-northd has not translated nb_cfg " + target + " into the Southbound yet");
    }
    List<Place> ordered = new ArrayList<>(places);
    ordered.sort(Comparator.comparing(Place::toString));
    List<String> realizedOn = new ArrayList<>();
    for (Place place : ordered) {
      Optional<String> chassis = sb.chassisOf(place, gatewayPort);
      if (chassis.isEmpty()) {
        return new RealizedVerdict(
            false, RealizedVerdict.NOT_BOUND, describe(place, gatewayPort) + " is on no chassis");
      }
      String name = chassis.get();
      SbProgress.Report report = sb.reports().get(name);
      if (!sb.chassis().contains(name) || report == null) {
        return new RealizedVerdict(
            false,
            RealizedVerdict.CHASSIS_DOWN,
            "chassis " + name + " (" + describe(place, gatewayPort) + ") reports no progress");
      }
      if (report.nbCfg() < target) {
        return new RealizedVerdict(
            false,
            RealizedVerdict.CHASSIS_LAGGING,
            "chassis "
                + name
                + " ("
                + describe(place, gatewayPort)
                + ") has installed nb_cfg "
                + report.nbCfg()
                + ", the pod needs "
                + target);
      }
      realizedOn.add(name);
    }
    return new RealizedVerdict(
        true,
        RealizedVerdict.REALIZED,
        "flows for nb_cfg " + target + " installed on chassis " + String.join(", ", realizedOn));
  }

  private static String describe(Place place, String gatewayPort) {
    return place instanceof Place.PodPort p
        ? "port " + p.logicalPort()
        : "active gateway, cr-" + gatewayPort;
  }
}

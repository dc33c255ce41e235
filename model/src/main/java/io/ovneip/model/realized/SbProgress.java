package io.ovneip.model.realized;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What the Southbound says about progress, read at the edge: {@code SB_Global.nb_cfg} (what
 * ovn-northd has translated), each chassis' {@code Chassis_Private.nb_cfg} and {@code
 * nb_cfg_timestamp} (what its ovn-controller has installed), the chassis that exist, and which
 * chassis each port is bound to ({@code Port_Binding.chassis}).
 *
 * @param sbNbCfg empty when there is no SB_Global row
 * @param reports by chassis name
 * @param chassis every {@code Chassis.name}
 * @param portChassis {@code Port_Binding.logical_port -> Chassis.name}, bound ports only
 */
public record SbProgress(
    OptionalLong sbNbCfg,
    Map<String, Report> reports,
    Set<String> chassis,
    Map<String, String> portChassis) {

  /** One chassis' {@code Chassis_Private} report. */
  public record Report(long nbCfg, long timestampMillis) {}

  public SbProgress {
    reports = Map.copyOf(reports);
    chassis = Set.copyOf(chassis);
    portChassis = Map.copyOf(portChassis);
  }

  public static SbProgress empty() {
    return new SbProgress(OptionalLong.empty(), Map.of(), Set.of(), Map.of());
  }

  /** The chassis a place is on now, if bound. */
  public Optional<String> chassisOf(Place place, String gatewayPort) {
    String port = place instanceof Place.PodPort p ? p.logicalPort() : "cr-" + gatewayPort;
    return Optional.ofNullable(portChassis.get(port));
  }
}

package io.ovneip.controller.status;

import java.util.List;

/** The view {@code ovn-eip status} prints: the gateway and every pod that asks for NAT. */
public record StatusReport(Gateway gateway, List<PodLine> pods) {
  public StatusReport {
    pods = List.copyOf(pods);
  }

  /**
   * One Gateway_Chassis row as NB has it, and its ovn-controller's progress from SB.
   *
   * @param progress e.g. {@code "nb_cfg 12/12"} (installed / translated by ovn-northd), or {@code
   *     "no report"} (docs/behaviour.md §5.6)
   */
  public record ChassisLine(String chassis, long priority, boolean active, String progress) {}

  /**
   * @param state {@code enabled}, {@code disabled} or {@code invalid}
   * @param problems invalid keys, nodes without chassis... in words
   */
  public record Gateway(
      String state,
      String type,
      List<String> nodes,
      List<ChassisLine> chassis,
      List<String> problems) {
    public Gateway {
      nodes = List.copyOf(nodes);
      chassis = List.copyOf(chassis);
      problems = List.copyOf(problems);
    }
  }

  /**
   * @param state {@code applied}, {@code pending}, {@code conflict}, {@code invalid}, ...
   * @param committed {@code yes} when NB holds the pod's rows as desired, else {@code no}
   * @param realized the {@code ovn-eip.io/realized} condition as the controller last wrote it:
   *     {@code yes}, {@code no (<reason>)}, or {@code -} (docs/behaviour.md §5.5)
   */
  public record PodLine(
      String namespace,
      String name,
      String eip,
      String snat,
      String state,
      String reason,
      String committed,
      String realized) {}
}

package io.ovneip.controller.status;

import java.util.List;

/** The view {@code ovn-eip status} prints: the gateway and every pod that asks for NAT. */
public record StatusReport(Gateway gateway, List<PodLine> pods) {
  public StatusReport {
    pods = List.copyOf(pods);
  }

  /** One Gateway_Chassis row as NB has it. */
  public record ChassisLine(String chassis, long priority, boolean active) {}

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
   */
  public record PodLine(
      String namespace, String name, String eip, String snat, String state, String reason) {}
}

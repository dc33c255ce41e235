package io.ovneip.model.nb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Northbound columns the controller reads, per table: what its replica monitors and nothing
 * more, so a cluster-sized database costs the columns we use, not every column of every pod's port
 * (docs/behaviour.md §3). A column read by the model and missing here would look empty, so each is
 * listed with who reads it:
 *
 * <ul>
 *   <li>{@code external_ids}: ownership ({@link ExternalIds#ownerOf}) of every row of ours and of
 *       the rows not ours that must be respected; the diff edits only our keys of it.
 *   <li>the columns each typed row of ours sets ({@link NbRow#columns()}): the diff compares them,
 *       and map columns ({@code options}) key by key.
 *   <li>{@code name} of switches, switch ports, router ports and chassis: natural keys, foreign
 *       names, the names of rows not ours that hang from our parents (GC protection).
 *   <li>pods' ports ({@code Logical_Switch_Port}): {@code name}, {@code type}, {@code addresses},
 *       {@code options} ({@code router-port}) and the switch that holds them (its {@code ports}): a
 *       pod's IP is trusted from them, subnets are found through router and localnet ports.
 *   <li>NAT rows and policies not ours: their natural keys and {@code action} (foreign claims).
 *   <li>reference columns ({@link NbTopology#REFERENCE_COLUMNS}): who references our rows.
 * </ul>
 */
public final class NbReadColumns {
  private NbReadColumns() {}

  /** Table name to columns, in the order tables are listed in {@link NbTable}. */
  public static final Map<String, List<String>> BY_TABLE = byTable();

  private static Map<String, List<String>> byTable() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put(NbTable.LOGICAL_ROUTER, List.of("name", "ports", "nat", "policies"));
    m.put(NbTable.LOGICAL_SWITCH.tableName(), List.of("name", "external_ids", "ports"));
    m.put(
        NbTable.LOGICAL_SWITCH_PORT.tableName(),
        List.of("name", "type", "addresses", "options", "tag", "external_ids"));
    m.put(
        NbTable.LOGICAL_ROUTER_PORT.tableName(),
        List.of("name", "mac", "networks", "gateway_chassis", "external_ids"));
    m.put(
        NbTable.GATEWAY_CHASSIS.tableName(),
        List.of("name", "chassis_name", "priority", "external_ids"));
    m.put(
        NbTable.NAT.tableName(),
        List.of(
            "type",
            "external_ip",
            "logical_ip",
            "logical_port",
            "external_mac",
            "options",
            "external_ids"));
    m.put(
        NbTable.LOGICAL_ROUTER_POLICY.tableName(),
        List.of("priority", "match", "action", "nexthops", "external_ids"));
    return java.util.Collections.unmodifiableMap(m);
  }

  /** The columns of {@code table}; fails for a table the controller does not read. */
  public static List<String> of(String table) {
    List<String> cols = BY_TABLE.get(table);
    if (cols == null) {
      throw new IllegalArgumentException("the controller does not read " + table);
    }
    return cols;
  }
}

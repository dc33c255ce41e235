package io.ovneip.model.ovs;

import io.ovneip.ovsdb.protocol.OvsdbMap;
import io.ovneip.ovsdb.protocol.OvsdbSet;
import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The local Open_vSwitch DB as the agent sees it in its replica: the root row and every Bridge,
 * Port and Interface, typed. Built from raw rows with {@link #fromTables}; tolerant of columns the
 * replica did not ask for (they read as empty).
 */
public record ObservedOvs(
    Optional<RootRow> root,
    Map<Uuid, BridgeRow> bridges,
    Map<Uuid, PortRow> ports,
    Map<Uuid, InterfaceRow> interfaces) {

  public static final String ROOT_TABLE = "Open_vSwitch";
  public static final String BRIDGE_TABLE = "Bridge";
  public static final String PORT_TABLE = "Port";
  public static final String INTERFACE_TABLE = "Interface";

  /** Open_vSwitch's {@code external_ids:ovn-bridge-datapath-type}, which ovn-controller reads. */
  public static final String OVN_DATAPATH_TYPE_KEY = "ovn-bridge-datapath-type";

  public ObservedOvs {
    Objects.requireNonNull(root, "root");
    bridges = Map.copyOf(bridges);
    ports = Map.copyOf(ports);
    interfaces = Map.copyOf(interfaces);
  }

  /** The single {@code Open_vSwitch} row. */
  public record RootRow(Uuid uuid, Set<Uuid> bridges, Map<String, String> externalIds) {
    public RootRow {
      Objects.requireNonNull(uuid, "uuid");
      bridges = Set.copyOf(bridges);
      externalIds = Map.copyOf(externalIds);
    }
  }

  /** A {@code Bridge} row. */
  public record BridgeRow(
      Uuid uuid,
      String name,
      String datapathType,
      Set<Uuid> ports,
      Map<String, String> externalIds) {
    public BridgeRow {
      Objects.requireNonNull(uuid, "uuid");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(datapathType, "datapathType");
      ports = Set.copyOf(ports);
      externalIds = Map.copyOf(externalIds);
    }

    public boolean owned() {
      return OvsOwnership.isOwned(externalIds);
    }
  }

  /** A {@code Port} row. */
  public record PortRow(
      Uuid uuid, String name, Set<Uuid> interfaces, Map<String, String> externalIds) {
    public PortRow {
      Objects.requireNonNull(uuid, "uuid");
      Objects.requireNonNull(name, "name");
      interfaces = Set.copyOf(interfaces);
      externalIds = Map.copyOf(externalIds);
    }

    public boolean owned() {
      return OvsOwnership.isOwned(externalIds);
    }
  }

  /** An {@code Interface} row; {@code ofport} is what vswitchd assigned (-1: could not open). */
  public record InterfaceRow(
      Uuid uuid,
      String name,
      String type,
      Map<String, String> externalIds,
      Optional<Long> ofport,
      Optional<String> error) {
    public InterfaceRow {
      Objects.requireNonNull(uuid, "uuid");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      externalIds = Map.copyOf(externalIds);
      Objects.requireNonNull(ofport, "ofport");
      Objects.requireNonNull(error, "error");
    }

    public boolean owned() {
      return OvsOwnership.isOwned(externalIds);
    }
  }

  public static ObservedOvs empty() {
    return new ObservedOvs(Optional.empty(), Map.of(), Map.of(), Map.of());
  }

  /** Types raw replica rows, table name to (row UUID to row). */
  public static ObservedOvs fromTables(Map<String, Map<Uuid, Row>> tables) {
    Optional<RootRow> root =
        table(tables, ROOT_TABLE).entrySet().stream()
            .findFirst()
            .map(
                e ->
                    new RootRow(
                        e.getKey(),
                        uuids(e.getValue(), "bridges"),
                        strings(e.getValue(), "external_ids")));
    Map<Uuid, BridgeRow> bridges = new LinkedHashMap<>();
    table(tables, BRIDGE_TABLE)
        .forEach(
            (uuid, row) ->
                bridges.put(
                    uuid,
                    new BridgeRow(
                        uuid,
                        string(row, "name"),
                        string(row, "datapath_type"),
                        uuids(row, "ports"),
                        strings(row, "external_ids"))));
    Map<Uuid, PortRow> ports = new LinkedHashMap<>();
    table(tables, PORT_TABLE)
        .forEach(
            (uuid, row) ->
                ports.put(
                    uuid,
                    new PortRow(
                        uuid,
                        string(row, "name"),
                        uuids(row, "interfaces"),
                        strings(row, "external_ids"))));
    Map<Uuid, InterfaceRow> interfaces = new LinkedHashMap<>();
    table(tables, INTERFACE_TABLE)
        .forEach(
            (uuid, row) ->
                interfaces.put(
                    uuid,
                    new InterfaceRow(
                        uuid,
                        string(row, "name"),
                        string(row, "type"),
                        strings(row, "external_ids"),
                        optional(row, "ofport", Long.class),
                        optional(row, "error", String.class))));
    return new ObservedOvs(root, bridges, ports, interfaces);
  }

  public Optional<BridgeRow> bridge(String name) {
    return bridges.values().stream().filter(b -> b.name().equals(name)).findFirst();
  }

  public Optional<PortRow> port(String name) {
    return ports.values().stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** The bridge holding a port named {@code name}, or a port with an interface named so. */
  public Optional<BridgeRow> bridgeHolding(String name) {
    return bridges.values().stream()
        .filter(b -> b.ports().stream().anyMatch(p -> portCarries(p, name)))
        .findFirst();
  }

  /** The ports of {@code bridge}, typed; dangling references (a torn snapshot) are skipped. */
  public Map<Uuid, PortRow> portsOf(BridgeRow bridge) {
    Map<Uuid, PortRow> out = new LinkedHashMap<>();
    for (Uuid u : bridge.ports()) {
      PortRow p = ports.get(u);
      if (p != null) {
        out.put(u, p);
      }
    }
    return out;
  }

  /** The first interface of {@code port} (the agent's ports have exactly one). */
  public Optional<InterfaceRow> interfaceOf(PortRow port) {
    return port.interfaces().stream().map(interfaces::get).filter(Objects::nonNull).findFirst();
  }

  /** The root's {@code ovn-bridge-mappings}, parsed. */
  public BridgeMappings mappings() {
    return BridgeMappings.parse(
        root.map(r -> r.externalIds().get(BridgeMappings.KEY)).orElse(null));
  }

  /** The datapath type ovn-controller uses for br-int, if the host set one. */
  public Optional<String> ovnBridgeDatapathType() {
    return root.map(r -> r.externalIds().get(OVN_DATAPATH_TYPE_KEY)).filter(t -> !t.isBlank());
  }

  private boolean portCarries(Uuid portUuid, String name) {
    PortRow p = ports.get(portUuid);
    if (p == null) {
      return false;
    }
    if (p.name().equals(name)) {
      return true;
    }
    return p.interfaces().stream()
        .map(interfaces::get)
        .anyMatch(i -> i != null && i.name().equals(name));
  }

  private static Map<Uuid, Row> table(Map<String, Map<Uuid, Row>> tables, String name) {
    return tables.getOrDefault(name, Map.of());
  }

  private static String string(Row row, String column) {
    return optional(row, column, String.class).orElse("");
  }

  /** An "at most one" column: an {@link OvsdbSet} of zero or one element, or the bare atom. */
  private static <T> Optional<T> optional(Row row, String column, Class<T> type) {
    Object v = row.get(column).orElse(null);
    if (v instanceof OvsdbSet s) {
      v = s.elements().stream().findFirst().orElse(null);
    }
    return type.isInstance(v) ? Optional.of(type.cast(v)) : Optional.empty();
  }

  /** A set of UUIDs; a one-element set may arrive as the bare atom (RFC 7047 5.1). */
  private static Set<Uuid> uuids(Row row, String column) {
    Object v = row.get(column).orElse(null);
    Set<Uuid> out = new LinkedHashSet<>();
    if (v instanceof Uuid u) {
      out.add(u);
    } else if (v instanceof OvsdbSet s) {
      s.elements().stream().filter(Uuid.class::isInstance).map(Uuid.class::cast).forEach(out::add);
    }
    return out;
  }

  private static Map<String, String> strings(Row row, String column) {
    Object v = row.get(column).orElse(null);
    Map<String, String> out = new LinkedHashMap<>();
    if (v instanceof OvsdbMap m) {
      m.entries().forEach((k, val) -> out.put(String.valueOf(k), String.valueOf(val)));
    }
    return out;
  }
}

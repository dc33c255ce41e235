package io.ovneip.model.ovs;

import io.ovneip.ovsdb.protocol.Condition;
import io.ovneip.ovsdb.protocol.Mutation;
import io.ovneip.ovsdb.protocol.NamedUuid;
import io.ovneip.ovsdb.protocol.Operation;
import io.ovneip.ovsdb.protocol.OvsdbMap;
import io.ovneip.ovsdb.protocol.OvsdbSet;
import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accumulates the operations of one transaction and a log line per change. Rows are addressed by
 * {@code _uuid} from the replica, never by name: Bridge, Port and Interface are non-root tables
 * (vswitch.ovsschema), so a new row is inserted with a named UUID and referenced from its parent in
 * the same transaction, or the server garbage-collects it (RFC 7047 section 2.1, "isRoot").
 */
final class OvsOps {
  private final List<Operation> operations = new ArrayList<>();
  private final List<String> changes = new ArrayList<>();
  private int names;

  /** Inserts the port's interface and the port; returns the port's named UUID. */
  NamedUuid insertPort(OvsPort port) {
    OvsInterface iface = port.iface();
    NamedUuid ifaceName = nextName("iface");
    operations.add(
        new Operation.Insert(
            ObservedOvs.INTERFACE_TABLE,
            Row.of(
                Map.of(
                    "name", iface.name(),
                    "type", iface.type(),
                    "external_ids", OvsdbMap.of(iface.externalIds()))),
            ifaceName.name()));
    NamedUuid portName = nextName("port");
    operations.add(
        new Operation.Insert(
            ObservedOvs.PORT_TABLE,
            Row.of(
                Map.of(
                    "name", port.name(),
                    "interfaces", OvsdbSet.of(ifaceName),
                    "external_ids", OvsdbMap.of(port.externalIds()))),
            portName.name()));
    return portName;
  }

  /** Inserts the bridge with {@code ports} and references it from the root row. */
  void insertBridge(Uuid root, OvsBridge bridge, List<NamedUuid> ports) {
    NamedUuid name = nextName("bridge");
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", bridge.name());
    row.put("ports", OvsdbSet.ofAll(ports));
    row.put("external_ids", OvsdbMap.of(bridge.externalIds()));
    bridge.datapathType().ifPresent(t -> row.put("datapath_type", t));
    operations.add(new Operation.Insert(ObservedOvs.BRIDGE_TABLE, Row.of(row), name.name()));
    mutate(ObservedOvs.ROOT_TABLE, root, Mutation.insert("bridges", OvsdbSet.of(name)));
  }

  void mutate(String table, Uuid uuid, Mutation... mutations) {
    operations.add(new Operation.Mutate(table, byUuid(uuid), List.of(mutations)));
  }

  void update(String table, Uuid uuid, String column, Object value) {
    operations.add(new Operation.Update(table, byUuid(uuid), Row.of(Map.of(column, value))));
  }

  void delete(String table, Uuid uuid) {
    operations.add(new Operation.Delete(table, byUuid(uuid)));
  }

  /**
   * Sets one key of the root's {@code external_ids} from {@code oldValue} (null: absent) to {@code
   * newValue} (null: remove). The old pair is deleted as a pair, not by key: if someone changed it
   * since the replica saw it, the delete matches nothing, the insert is ignored because the key
   * exists (RFC 7047 5.1, mutator "insert"), and the next reconcile sees the new value. A
   * concurrent writer is never overwritten blindly.
   */
  void replaceExternalId(Uuid root, String key, String oldValue, String newValue) {
    List<Mutation> ms = new ArrayList<>();
    if (oldValue != null) {
      ms.add(Mutation.delete("external_ids", OvsdbMap.of(Map.of(key, oldValue))));
    }
    if (newValue != null) {
      ms.add(Mutation.insert("external_ids", OvsdbMap.of(Map.of(key, newValue))));
    }
    mutate(ObservedOvs.ROOT_TABLE, root, ms.toArray(Mutation[]::new));
  }

  void change(String line) {
    changes.add(line);
  }

  List<Operation> operations() {
    return List.copyOf(operations);
  }

  List<String> changes() {
    return List.copyOf(changes);
  }

  private NamedUuid nextName(String kind) {
    return new NamedUuid("ovneip_" + kind + names++);
  }

  private static List<Condition> byUuid(Uuid uuid) {
    return List.of(Condition.eq("_uuid", uuid));
  }
}

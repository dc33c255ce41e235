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
 * The agent's one encoder: the steps of an {@link OvsPlan} become the operations of one transaction
 * (empty: send nothing), as {@code model.diff.PlanEncoder} does for the controller. Rows are
 * addressed by {@code _uuid} from the replica, never by name: Bridge, Port and Interface are
 * non-root tables (vswitch.ovsschema), so a new row is inserted with a named UUID and referenced
 * from its parent in the same transaction, or the server garbage-collects it (RFC 7047 section 2.1,
 * "isRoot").
 */
public final class OvsEncoder {
  private final List<Operation> operations = new ArrayList<>();
  private int names;

  private OvsEncoder() {}

  public static List<Operation> encode(OvsPlan plan) {
    OvsEncoder e = new OvsEncoder();
    plan.steps().forEach(e::encode);
    return List.copyOf(e.operations);
  }

  private void encode(OvsStep step) {
    if (step instanceof OvsStep.CreateBridge c) {
      List<NamedUuid> ports = new ArrayList<>();
      ports.add(insertPort(c.bridge().internalPort()));
      if (c.withNic()) {
        ports.add(insertPort(c.bridge().nicPort()));
      }
      insertBridge(c.root(), c.bridge(), ports);
    } else if (step instanceof OvsStep.DeleteBridge d) {
      // Dropping the root's reference is enough for the server to collect the bridge, its ports
      // and interfaces (non-root tables); the explicit delete makes the intent plain in the log.
      mutate(ObservedOvs.ROOT_TABLE, d.root(), Mutation.delete("bridges", OvsdbSet.of(d.bridge())));
      operations.add(new Operation.Delete(ObservedOvs.BRIDGE_TABLE, byUuid(d.bridge())));
    } else if (step instanceof OvsStep.AddPort a) {
      NamedUuid added = insertPort(a.port());
      mutate(ObservedOvs.BRIDGE_TABLE, a.bridge(), Mutation.insert("ports", OvsdbSet.of(added)));
    } else if (step instanceof OvsStep.RemovePort r) {
      mutate(ObservedOvs.BRIDGE_TABLE, r.bridge(), Mutation.delete("ports", OvsdbSet.of(r.port())));
    } else if (step instanceof OvsStep.SetDatapathType t) {
      update(ObservedOvs.BRIDGE_TABLE, t.bridge(), "datapath_type", t.type());
    } else if (step instanceof OvsStep.SetInterfaceType t) {
      update(ObservedOvs.INTERFACE_TABLE, t.iface(), "type", t.type());
    } else if (step instanceof OvsStep.ReplaceExternalId x) {
      replaceExternalId(x);
    }
  }

  /** Inserts the port's interface and the port; returns the port's named UUID. */
  private NamedUuid insertPort(OvsPort port) {
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
  private void insertBridge(Uuid root, OvsBridge bridge, List<NamedUuid> ports) {
    NamedUuid name = nextName("bridge");
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", bridge.name());
    row.put("ports", OvsdbSet.ofAll(ports));
    row.put("external_ids", OvsdbMap.of(bridge.externalIds()));
    bridge.datapathType().ifPresent(t -> row.put("datapath_type", t));
    operations.add(new Operation.Insert(ObservedOvs.BRIDGE_TABLE, Row.of(row), name.name()));
    mutate(ObservedOvs.ROOT_TABLE, root, Mutation.insert("bridges", OvsdbSet.of(name)));
  }

  private void mutate(String table, Uuid uuid, Mutation... mutations) {
    operations.add(new Operation.Mutate(table, byUuid(uuid), List.of(mutations)));
  }

  private void update(String table, Uuid uuid, String column, Object value) {
    operations.add(new Operation.Update(table, byUuid(uuid), Row.of(Map.of(column, value))));
  }

  /**
   * The old pair is deleted as a pair, not by key: if someone changed it since the replica saw it,
   * the delete matches nothing, the insert is ignored because the key exists (RFC 7047 5.1, mutator
   * "insert"), and the next reconcile sees the new value. A concurrent writer is never overwritten
   * blindly.
   */
  private void replaceExternalId(OvsStep.ReplaceExternalId x) {
    List<Mutation> ms = new ArrayList<>();
    if (x.oldValue() != null) {
      ms.add(Mutation.delete("external_ids", OvsdbMap.of(Map.of(x.key(), x.oldValue()))));
    }
    if (x.newValue() != null) {
      ms.add(Mutation.insert("external_ids", OvsdbMap.of(Map.of(x.key(), x.newValue()))));
    }
    mutate(ObservedOvs.ROOT_TABLE, x.root(), ms.toArray(Mutation[]::new));
  }

  private NamedUuid nextName(String kind) {
    return new NamedUuid("ovneip_" + kind + names++);
  }

  private static List<Condition> byUuid(Uuid uuid) {
    return List.of(Condition.eq("_uuid", uuid));
  }
}

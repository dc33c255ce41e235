package io.ovneip.model.ovs;

import io.ovneip.ovsdb.protocol.Uuid;
import java.util.Objects;

/**
 * One change of an {@link OvsPlan}, as {@link OvsDiff} decided it: what to do to which row
 * (addressed by {@code _uuid} from the replica, never by name). {@link OvsEncoder} turns the steps
 * into the operations of one transaction; {@link #describe()} is its line in the log.
 */
public sealed interface OvsStep {

  /** The log line of this change. */
  String describe();

  /** Creates {@code bridge} with its internal port, and its NIC port when {@code withNic}. */
  record CreateBridge(Uuid root, OvsBridge bridge, boolean withNic) implements OvsStep {
    public CreateBridge {
      Objects.requireNonNull(root, "root");
      Objects.requireNonNull(bridge, "bridge");
    }

    @Override
    public String describe() {
      return "create bridge "
          + bridge.name()
          + (withNic ? " with NIC " + bridge.nicPort().name() : " without NIC");
    }
  }

  /** Deletes our bridge (its ports and interfaces go with it: non-root tables). */
  record DeleteBridge(Uuid root, Uuid bridge, String name, String why) implements OvsStep {
    @Override
    public String describe() {
      return "delete bridge " + name + " (" + why + ")";
    }
  }

  /** Adds {@code port} (with its interface) to an existing bridge. */
  record AddPort(Uuid bridge, String bridgeName, OvsPort port) implements OvsStep {
    @Override
    public String describe() {
      return "add port " + port.name() + " to " + bridgeName;
    }
  }

  /** Takes an owned port out of a bridge; {@code stale}: the bridge stays and wants it no more. */
  record RemovePort(Uuid bridge, String bridgeName, Uuid port, String portName, boolean stale)
      implements OvsStep {
    @Override
    public String describe() {
      return "remove " + (stale ? "stale " : "") + "port " + portName + " from " + bridgeName;
    }
  }

  /** Sets an owned bridge's {@code datapath_type}. */
  record SetDatapathType(Uuid bridge, String bridgeName, String type) implements OvsStep {
    @Override
    public String describe() {
      return "set " + bridgeName + " datapath_type " + type;
    }
  }

  /** Sets an owned interface's {@code type}. */
  record SetInterfaceType(Uuid iface, String name, String type) implements OvsStep {
    @Override
    public String describe() {
      return "set interface " + name + " type \"" + type + "\"";
    }
  }

  /**
   * Sets one key of the root's {@code external_ids} from {@code oldValue} (null: absent) to {@code
   * newValue} (null: remove).
   */
  record ReplaceExternalId(Uuid root, String key, String oldValue, String newValue)
      implements OvsStep {
    @Override
    public String describe() {
      return key
          + ": \""
          + (oldValue == null ? "" : oldValue)
          + "\" -> \""
          + (newValue == null ? "" : newValue)
          + "\"";
    }
  }
}

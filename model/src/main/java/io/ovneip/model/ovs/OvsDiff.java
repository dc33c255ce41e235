package io.ovneip.model.ovs;

import io.ovneip.model.ovs.ObservedOvs.BridgeRow;
import io.ovneip.model.ovs.ObservedOvs.PortRow;
import io.ovneip.model.ovs.ObservedOvs.RootRow;
import io.ovneip.ovsdb.protocol.Mutation;
import io.ovneip.ovsdb.protocol.NamedUuid;
import io.ovneip.ovsdb.protocol.OvsdbSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Desired vs observed for the agent (docs/behaviour.md §6): the operations that bring the local
 * Open_vSwitch DB to {@link DesiredOvs}, touching only rows marked by {@link OvsOwnership} and the
 * one mapping entry {@code <net>:br-<net>}. Applying the plan and diffing again gives an empty
 * plan.
 */
public final class OvsDiff {
  private OvsDiff() {}

  public static OvsPlan compute(DesiredOvs desired, ObservedOvs observed) {
    if (observed.root().isEmpty()) {
      return new OvsPlan(
          OvsPlan.Outcome.HELD,
          List.of(),
          List.of(),
          List.of(
              new Finding(
                  Finding.Kind.NO_ROOT_ROW,
                  "the Open_vSwitch table has no row yet (ovs-vsctl init not run)")));
    }
    RootRow root = observed.root().get();
    if (desired instanceof DesiredOvs.Hold hold) {
      List<Finding> findings =
          hold.reasons().stream().map(r -> new Finding(hold.kind(), r)).toList();
      return new OvsPlan(OvsPlan.Outcome.HELD, List.of(), List.of(), findings);
    }
    if (desired instanceof DesiredOvs.NoGateway none) {
      return remove(none, root, observed);
    }
    return ensure((DesiredOvs.Gateway) desired, root, observed);
  }

  /** Our bridge (with its ports, garbage-collected) and exactly our mapping entry go. */
  private static OvsPlan remove(DesiredOvs.NoGateway none, RootRow root, ObservedOvs observed) {
    OvsOps ops = new OvsOps();
    List<Finding> findings = new ArrayList<>();
    Optional<BridgeRow> bridge = observed.bridge(none.bridgeName());
    if (bridge.isPresent() && !bridge.get().owned()) {
      // Someone else's br-<net> (made by hand, or by Kube-OVN's own agent): its mapping is part of
      // that setup, so neither is touched.
      findings.add(
          new Finding(
              Finding.Kind.FOREIGN_BRIDGE_KEPT,
              "bridge " + none.bridgeName() + " is not ours; left with its mapping"));
      return plan(ops, findings);
    }
    List<PortRow> foreign =
        bridge
            .map(b -> observed.portsOf(b).values().stream().filter(p -> !p.owned()).toList())
            .orElse(List.of());
    if (!foreign.isEmpty()) {
      // Deleting the bridge would garbage-collect every port it references, someone else's too
      // (RFC 7047 2.1, non-root tables): keep the bridge, take out only what we added.
      removeOwnedPorts(ops, observed, bridge.get());
      findings.add(
          new Finding(
              Finding.Kind.FOREIGN_PORTS_KEPT,
              "bridge "
                  + none.bridgeName()
                  + " kept: it holds ports ovn-eip did not add ("
                  + names(foreign)
                  + "); only ovn-eip's ports removed"));
    } else if (bridge.isPresent()) {
      // Dropping the root's reference is enough for the server to collect the bridge, its ports
      // and interfaces (non-root tables); the explicit delete makes the intent plain in the log.
      ops.mutate(
          ObservedOvs.ROOT_TABLE,
          root.uuid(),
          Mutation.delete("bridges", OvsdbSet.of(bridge.get().uuid())));
      ops.delete(ObservedOvs.BRIDGE_TABLE, bridge.get().uuid());
      ops.change("delete bridge " + none.bridgeName() + " (" + none.why() + ")");
    }
    BridgeMappings current = observed.mappings();
    BridgeMappings next = current.without(none.network(), none.bridgeName());
    writeMappings(ops, root, current, next);
    return plan(ops, findings);
  }

  private static void removeOwnedPorts(OvsOps ops, ObservedOvs observed, BridgeRow bridge) {
    for (PortRow p : observed.portsOf(bridge).values()) {
      if (p.owned()) {
        ops.mutate(
            ObservedOvs.BRIDGE_TABLE,
            bridge.uuid(),
            Mutation.delete("ports", OvsdbSet.of(p.uuid())));
        ops.change("remove port " + p.name() + " from " + bridge.name());
      }
    }
  }

  /** Sorted port names, at most ten: the message stays bounded whatever was added by hand. */
  private static String names(List<PortRow> ports) {
    List<String> sorted = ports.stream().map(PortRow::name).sorted().toList();
    String shown = String.join(", ", sorted.subList(0, Math.min(10, sorted.size())));
    return sorted.size() > 10 ? shown + ", and " + (sorted.size() - 10) + " more" : shown;
  }

  private static OvsPlan ensure(DesiredOvs.Gateway want, RootRow root, ObservedOvs observed) {
    List<Finding> refusals = refusals(want, observed);
    if (!refusals.isEmpty()) {
      return new OvsPlan(OvsPlan.Outcome.REFUSED, List.of(), List.of(), refusals);
    }
    OvsOps ops = new OvsOps();
    List<Finding> findings = new ArrayList<>();
    OvsBridge bridge = want.bridge();
    Optional<BridgeRow> current = observed.bridge(bridge.name());
    boolean nicAttached = observed.bridgeHolding(want.nic()).isPresent();
    if (!want.nicPresent()) {
      findings.add(
          new Finding(
              Finding.Kind.NIC_ABSENT,
              nicAttached
                  ? "NIC " + want.nic() + " is a port of " + bridge.name() + " but missing on host"
                  : "NIC " + want.nic() + " not found on host; will attach it when it appears"));
    }
    boolean wantNic = want.nicPresent() || nicAttached;
    if (current.isEmpty()) {
      List<NamedUuid> ports = new ArrayList<>();
      ports.add(ops.insertPort(bridge.internalPort()));
      if (wantNic) {
        ports.add(ops.insertPort(bridge.nicPort()));
      }
      ops.insertBridge(root.uuid(), bridge, ports);
      ops.change(
          "create bridge "
              + bridge.name()
              + (wantNic ? " with NIC " + want.nic() : " without NIC"));
    } else {
      repairBridge(ops, observed, current.get(), bridge, wantNic);
    }
    BridgeMappings mappings = observed.mappings();
    if (!mappings.contains(want.network(), bridge.name())) {
      writeMappings(ops, root, mappings, mappings.with(want.network(), bridge.name()));
    }
    return plan(ops, findings);
  }

  /** Refuses when a row we would need belongs to a bridge we do not own. */
  private static List<Finding> refusals(DesiredOvs.Gateway want, ObservedOvs observed) {
    String name = want.bridgeName();
    List<Finding> out = new ArrayList<>();
    want.nicHazards().forEach(h -> out.add(new Finding(Finding.Kind.NIC_UNSAFE, h)));
    // Only br-<net> is ever ours to map: another bridge under our key is someone else's setup.
    observed
        .mappings()
        .bridgeOf(want.network())
        .filter(b -> !b.equals(name))
        .ifPresent(
            b ->
                out.add(
                    new Finding(
                        Finding.Kind.MAPPING_TAKEN,
                        BridgeMappings.KEY
                            + " maps "
                            + want.network()
                            + " to bridge "
                            + b
                            + "; refusing to overwrite it")));
    observed
        .bridge(name)
        .filter(b -> !b.owned())
        .ifPresent(
            b ->
                out.add(
                    new Finding(
                        Finding.Kind.BRIDGE_NOT_OWNED,
                        "bridge " + name + " exists and was not created by ovn-eip; not touched")));
    observed
        .bridgeHolding(want.nic())
        .filter(b -> !b.name().equals(name))
        .ifPresent(
            b ->
                out.add(
                    new Finding(
                        Finding.Kind.NIC_IN_OTHER_BRIDGE,
                        "NIC "
                            + want.nic()
                            + " is already a port of bridge "
                            + b.name()
                            + "; refusing to move it (that bridge is left intact)")));
    observed
        .bridgeHolding(name)
        .filter(b -> !b.name().equals(name))
        .ifPresent(
            b ->
                out.add(
                    new Finding(
                        Finding.Kind.PORT_NAME_TAKEN,
                        "port " + name + " already exists on bridge " + b.name())));
    return out;
  }

  /**
   * Adds missing ports, corrects owned interfaces and the datapath type, drops stale owned ports.
   */
  private static void repairBridge(
      OvsOps ops, ObservedOvs observed, BridgeRow current, OvsBridge bridge, boolean wantNic) {
    List<OvsPort> wanted = new ArrayList<>(List.of(bridge.internalPort()));
    if (wantNic) {
      wanted.add(bridge.nicPort());
    }
    Map<?, PortRow> ports = observed.portsOf(current);
    for (OvsPort port : wanted) {
      Optional<PortRow> seen = findPort(observed, ports.values(), port.name());
      if (seen.isEmpty()) {
        NamedUuid added = ops.insertPort(port);
        ops.mutate(
            ObservedOvs.BRIDGE_TABLE, current.uuid(), Mutation.insert("ports", OvsdbSet.of(added)));
        ops.change("add port " + port.name() + " to " + bridge.name());
      } else if (seen.get().owned()) {
        repairInterface(ops, observed, seen.get(), port.iface());
      }
    }
    Set<String> names = Set.of(bridge.internalPort().name(), bridge.nicPort().name());
    for (PortRow p : ports.values()) {
      if (p.owned() && !names.contains(p.name())) {
        ops.mutate(
            ObservedOvs.BRIDGE_TABLE,
            current.uuid(),
            Mutation.delete("ports", OvsdbSet.of(p.uuid())));
        ops.change("remove stale port " + p.name() + " from " + bridge.name());
      }
    }
    bridge
        .datapathType()
        .filter(t -> !t.equals(current.datapathType()))
        .ifPresent(
            t -> {
              ops.update(ObservedOvs.BRIDGE_TABLE, current.uuid(), "datapath_type", t);
              ops.change("set " + bridge.name() + " datapath_type " + t);
            });
  }

  private static void repairInterface(
      OvsOps ops, ObservedOvs observed, PortRow port, OvsInterface want) {
    observed
        .interfaceOf(port)
        .filter(ObservedOvs.InterfaceRow::owned)
        .filter(i -> i.name().equals(want.name()) && !i.type().equals(want.type()))
        .ifPresent(
            i -> {
              ops.update(ObservedOvs.INTERFACE_TABLE, i.uuid(), "type", want.type());
              ops.change("set interface " + i.name() + " type \"" + want.type() + "\"");
            });
  }

  /** A port of the bridge named {@code name}, or carrying an interface of that name (a bond). */
  private static Optional<PortRow> findPort(
      ObservedOvs observed, Iterable<PortRow> ports, String name) {
    for (PortRow p : ports) {
      if (p.name().equals(name)) {
        return Optional.of(p);
      }
    }
    for (PortRow p : ports) {
      for (var u : p.interfaces()) {
        var i = observed.interfaces().get(u);
        if (i != null && i.name().equals(name)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  /** Writes the mapping value only when it changes; an empty list removes the key. */
  private static void writeMappings(
      OvsOps ops, RootRow root, BridgeMappings current, BridgeMappings next) {
    if (next.equals(current)) {
      return;
    }
    String old = root.externalIds().get(BridgeMappings.KEY);
    String value = next.isEmpty() ? null : next.render();
    ops.replaceExternalId(root.uuid(), BridgeMappings.KEY, old, value);
    ops.change(
        BridgeMappings.KEY
            + ": \""
            + (old == null ? "" : old)
            + "\" -> \""
            + (value == null ? "" : value)
            + "\"");
  }

  private static OvsPlan plan(OvsOps ops, List<Finding> findings) {
    var operations = ops.operations();
    return new OvsPlan(
        operations.isEmpty() ? OvsPlan.Outcome.CONVERGED : OvsPlan.Outcome.APPLY,
        operations,
        ops.changes(),
        findings);
  }
}

package io.ovneip.model.ovs;

import io.ovneip.model.ovs.ObservedOvs.BridgeRow;
import io.ovneip.model.ovs.ObservedOvs.PortRow;
import io.ovneip.model.ovs.ObservedOvs.RootRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Desired vs observed for the agent (docs/behaviour.md §6): the steps that bring the local
 * Open_vSwitch DB to {@link DesiredOvs} (encoded by {@link OvsEncoder}), touching only rows marked
 * by {@link OvsOwnership} and the one mapping entry {@code <net>:br-<net>}. Applying the plan and
 * diffing again gives an empty plan.
 */
public final class OvsDiff {
  private OvsDiff() {}

  public static OvsPlan compute(DesiredOvs desired, ObservedOvs observed) {
    if (observed.root().isEmpty()) {
      return new OvsPlan(
          OvsPlan.Outcome.HELD,
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
      return new OvsPlan(OvsPlan.Outcome.HELD, List.of(), findings);
    }
    if (desired instanceof DesiredOvs.NoGateway none) {
      return remove(none, root, observed);
    }
    return ensure((DesiredOvs.Gateway) desired, root, observed);
  }

  /** Our bridge (with its ports, garbage-collected) and exactly our mapping entry go. */
  private static OvsPlan remove(DesiredOvs.NoGateway none, RootRow root, ObservedOvs observed) {
    List<OvsStep> steps = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    Optional<BridgeRow> bridge = observed.bridge(none.bridgeName());
    if (bridge.isPresent() && !bridge.get().owned()) {
      // Someone else's br-<net> (made by hand, or by Kube-OVN's own agent): its mapping is part of
      // that setup, so neither is touched.
      findings.add(
          new Finding(
              Finding.Kind.FOREIGN_BRIDGE_KEPT,
              "bridge " + none.bridgeName() + " is not ours; left with its mapping"));
      return plan(steps, findings);
    }
    List<PortRow> foreign =
        bridge
            .map(b -> observed.portsOf(b).values().stream().filter(p -> !p.owned()).toList())
            .orElse(List.of());
    if (!foreign.isEmpty()) {
      // Deleting the bridge would garbage-collect every port it references, someone else's too
      // (RFC 7047 2.1, non-root tables): keep the bridge, take out only what we added.
      removeOwnedPorts(steps, observed, bridge.get());
      findings.add(
          new Finding(
              Finding.Kind.FOREIGN_PORTS_KEPT,
              "bridge "
                  + none.bridgeName()
                  + " kept: it holds ports ovn-eip did not add ("
                  + names(foreign)
                  + "); only ovn-eip's ports removed"));
    } else if (bridge.isPresent()) {
      steps.add(
          new OvsStep.DeleteBridge(
              root.uuid(), bridge.get().uuid(), none.bridgeName(), none.why()));
    }
    BridgeMappings current = observed.mappings();
    BridgeMappings next = current.without(none.network(), none.bridgeName());
    writeMappings(steps, root, current, next);
    return plan(steps, findings);
  }

  private static void removeOwnedPorts(
      List<OvsStep> steps, ObservedOvs observed, BridgeRow bridge) {
    for (PortRow p : observed.portsOf(bridge).values()) {
      if (p.owned()) {
        steps.add(new OvsStep.RemovePort(bridge.uuid(), bridge.name(), p.uuid(), p.name(), false));
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
      return new OvsPlan(OvsPlan.Outcome.REFUSED, List.of(), refusals);
    }
    List<OvsStep> steps = new ArrayList<>();
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
      steps.add(new OvsStep.CreateBridge(root.uuid(), bridge, wantNic));
    } else {
      repairBridge(steps, observed, current.get(), bridge, wantNic);
    }
    BridgeMappings mappings = observed.mappings();
    if (!mappings.contains(want.network(), bridge.name())) {
      writeMappings(steps, root, mappings, mappings.with(want.network(), bridge.name()));
    }
    return plan(steps, findings);
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
      List<OvsStep> steps,
      ObservedOvs observed,
      BridgeRow current,
      OvsBridge bridge,
      boolean wantNic) {
    List<OvsPort> wanted = new ArrayList<>(List.of(bridge.internalPort()));
    if (wantNic) {
      wanted.add(bridge.nicPort());
    }
    Map<?, PortRow> ports = observed.portsOf(current);
    for (OvsPort port : wanted) {
      Optional<PortRow> seen = findPort(observed, ports.values(), port.name());
      if (seen.isEmpty()) {
        steps.add(new OvsStep.AddPort(current.uuid(), bridge.name(), port));
      } else if (seen.get().owned()) {
        repairInterface(steps, observed, seen.get(), port.iface());
      }
    }
    Set<String> names = Set.of(bridge.internalPort().name(), bridge.nicPort().name());
    for (PortRow p : ports.values()) {
      if (p.owned() && !names.contains(p.name())) {
        steps.add(new OvsStep.RemovePort(current.uuid(), bridge.name(), p.uuid(), p.name(), true));
      }
    }
    bridge
        .datapathType()
        .filter(t -> !t.equals(current.datapathType()))
        .ifPresent(t -> steps.add(new OvsStep.SetDatapathType(current.uuid(), bridge.name(), t)));
  }

  private static void repairInterface(
      List<OvsStep> steps, ObservedOvs observed, PortRow port, OvsInterface want) {
    observed
        .interfaceOf(port)
        .filter(ObservedOvs.InterfaceRow::owned)
        .filter(i -> i.name().equals(want.name()) && !i.type().equals(want.type()))
        .ifPresent(i -> steps.add(new OvsStep.SetInterfaceType(i.uuid(), i.name(), want.type())));
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
      List<OvsStep> steps, RootRow root, BridgeMappings current, BridgeMappings next) {
    if (next.equals(current)) {
      return;
    }
    String old = root.externalIds().get(BridgeMappings.KEY);
    String value = next.isEmpty() ? null : next.render();
    steps.add(new OvsStep.ReplaceExternalId(root.uuid(), BridgeMappings.KEY, old, value));
  }

  private static OvsPlan plan(List<OvsStep> steps, List<Finding> findings) {
    return new OvsPlan(
        steps.isEmpty() ? OvsPlan.Outcome.CONVERGED : OvsPlan.Outcome.APPLY, steps, findings);
  }
}

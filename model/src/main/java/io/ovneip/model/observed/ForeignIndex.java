package io.ovneip.model.observed;

import io.ovneip.model.input.IpAddress;
import io.ovneip.model.input.NorthboundFacts.ForeignNat;
import io.ovneip.model.input.NorthboundFacts.ForeignPolicy;
import io.ovneip.model.nb.Columns;
import io.ovneip.model.nb.ExternalIds;
import io.ovneip.model.nb.NbTable;
import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rows this system does not own but must respect, kept from each replica update
 * (docs/behaviour.md sections 2.3, 3 and 4.5): pods' Logical_Switch_Ports with their switch, the
 * switches, router ports and routers that say which switch is a subnet of the cluster router, NAT
 * rows and policies written by others, and the names of rows not ours that OVSDB would
 * garbage-collect with a parent of ours. Mutable, single writer; {@link #facts} publishes an
 * immutable version.
 */
final class ForeignIndex {
  /** A Logical_Switch_Port not ours, and the switch whose {@code ports} hold it (null: none). */
  record Lsp(
      Uuid uuid,
      String name,
      String type,
      List<String> addresses,
      String routerPort,
      Uuid switchUuid) {}

  private ShardedMap<String, Lsp> lspByName = ShardedMap.empty();
  private ShardedMap<Uuid, String> namesByUuid = ShardedMap.empty();
  private ShardedMap<IpAddress, List<ForeignNat>> natsByIp = ShardedMap.empty();
  private ShardedMap<String, List<ForeignPolicy>> policiesByMatch = ShardedMap.empty();
  private Map<Uuid, Lsp> linkPorts = Map.of(); // router and localnet ports: few
  private Map<Uuid, String> switchNames = Map.of();
  private Map<Uuid, String> routerPortNames = Map.of();
  private Map<Uuid, Set<Object>> routerPorts = Map.of();
  private NbFacts facts = NbFacts.EMPTY;
  private ForeignChanges lastChanges = ForeignChanges.NONE;

  NbFacts facts() {
    return facts;
  }

  /** What the last {@link #apply} changed. */
  ForeignChanges lastChanges() {
    return lastChanges;
  }

  /**
   * Applies one update: {@code changes} are its rows, {@code touched} the rows whose referrers
   * changed (a port moved to another switch), {@code references} already updated.
   */
  void apply(
      Collection<RowChange> changes,
      Set<Uuid> touched,
      ReferenceIndex references,
      Map<Uuid, String> routerNames) {
    Edits e = new Edits();
    for (RowChange c : changes) {
      switch (c.table()) {
        case "Logical_Switch_Port" -> e.lsp(c, references);
        case "Gateway_Chassis" -> e.named(c);
        case "Logical_Switch" -> e.switchName(c);
        case "Logical_Router_Port" -> e.routerPortName(c);
        case NbTable.LOGICAL_ROUTER -> e.routerPorts(c);
        case "NAT" -> e.nat(c);
        case "Logical_Router_Policy" -> e.policy(c);
        default -> {}
      }
    }
    for (Uuid u : touched) {
      e.moved(u, references);
    }
    e.publish(routerNames);
    lastChanges = new ForeignChanges(Set.copyOf(e.ports), e.wide);
  }

  private static boolean foreign(Optional<Row> row) {
    return row.isPresent() && ExternalIds.ownerOf(row.get()).isEmpty();
  }

  /** The edits of one update, applied to copies at the end. */
  private final class Edits {
    private final Map<String, Optional<Lsp>> lsps = new HashMap<>();
    private final Map<Uuid, Optional<String>> names = new HashMap<>();
    private final Map<IpAddress, Optional<List<ForeignNat>>> nats = new HashMap<>();
    private final Map<String, Optional<List<ForeignPolicy>>> policies = new HashMap<>();
    private Map<Uuid, Lsp> links;
    private Map<Uuid, String> switches;
    private Map<Uuid, String> lrps;
    private Map<Uuid, Set<Object>> routers;
    private final Set<String> ports = new java.util.HashSet<>();
    private boolean wide;

    private Lsp lspNamed(String name) {
      Optional<Lsp> edited = lsps.get(name);
      return edited != null ? edited.orElse(null) : lspByName.get(name);
    }

    private String nameOf(Uuid uuid) {
      Optional<String> edited = names.get(uuid);
      return edited != null ? edited.orElse(null) : namesByUuid.get(uuid);
    }

    void lsp(RowChange c, ReferenceIndex references) {
      c.before()
          .filter(r -> foreign(c.before()))
          .flatMap(r -> Columns.string(r, "name"))
          .ifPresent(
              n -> {
                Lsp was = lspNamed(n);
                if (was != null && was.uuid().equals(c.uuid())) {
                  lsps.put(n, Optional.empty());
                  ports.add(n);
                }
                names.put(c.uuid(), Optional.empty());
                wide |= links().remove(c.uuid()) != null;
              });
      if (!foreign(c.after())) {
        return;
      }
      Row row = c.after().get();
      String name = Columns.string(row, "name").orElse("");
      Lsp lsp =
          new Lsp(
              c.uuid(),
              name,
              Columns.string(row, "type").orElse(""),
              Columns.strings(row, "addresses"),
              Columns.map(row, "options").getOrDefault("router-port", ""),
              switchOf(c.uuid(), references));
      lsps.put(name, Optional.of(lsp));
      ports.add(name);
      names.put(c.uuid(), Optional.of(name));
      if (lsp.type().equals("router") || lsp.type().equals("localnet")) {
        links().put(c.uuid(), lsp);
        wide = true;
      }
    }

    /** A port whose switch may have changed (a switch's {@code ports} changed). */
    void moved(Uuid uuid, ReferenceIndex references) {
      String name = nameOf(uuid);
      if (name == null) {
        return;
      }
      Lsp lsp = lspNamed(name);
      if (lsp == null || !lsp.uuid().equals(uuid)) {
        return; // a Gateway_Chassis, or a port not indexed
      }
      Uuid sw = switchOf(uuid, references);
      if (java.util.Objects.equals(sw, lsp.switchUuid())) {
        return;
      }
      Lsp now = new Lsp(uuid, name, lsp.type(), lsp.addresses(), lsp.routerPort(), sw);
      lsps.put(name, Optional.of(now));
      ports.add(name);
      if (links().containsKey(uuid)) {
        links().put(uuid, now);
        wide = true;
      }
    }

    void named(RowChange c) {
      if (foreign(c.before())) {
        names.put(c.uuid(), Optional.empty());
      }
      if (foreign(c.after())) {
        names.put(c.uuid(), Optional.of(Columns.string(c.after().get(), "name").orElse("")));
      }
    }

    void switchName(RowChange c) {
      // Only a new, renamed or deleted switch matters: a switch's ports change with every pod.
      Optional<String> name = c.after().flatMap(r -> Columns.string(r, "name"));
      if (!name.equals(Optional.ofNullable(switchNames.get(c.uuid())))) {
        name.ifPresentOrElse(n -> switches().put(c.uuid(), n), () -> switches().remove(c.uuid()));
        wide = true;
      }
    }

    void routerPortName(RowChange c) {
      Optional<String> name = c.after().flatMap(r -> Columns.string(r, "name"));
      if (!name.equals(Optional.ofNullable(routerPortNames.get(c.uuid())))) {
        name.ifPresentOrElse(n -> lrps().put(c.uuid(), n), () -> lrps().remove(c.uuid()));
        wide = true;
      }
    }

    void routerPorts(RowChange c) {
      // A router row changes with every NAT and policy: only its ports decide subnets.
      Set<Object> now = c.after().map(r -> Columns.set(r.columns().get("ports"))).orElse(null);
      if (java.util.Objects.equals(now, routerPorts.get(c.uuid()))) {
        return;
      }
      if (now != null) {
        routers().put(c.uuid(), Set.copyOf(now));
      } else {
        routers().remove(c.uuid());
      }
      wide = true;
    }

    void nat(RowChange c) {
      wide |= foreign(c.before()) || foreign(c.after());
      if (foreign(c.before())) {
        natKey(c.before().get())
            .ifPresent(ip -> editNats(ip, list -> list.removeIf(n -> n.uuid().equals(key(c)))));
      }
      if (foreign(c.after())) {
        Row r = c.after().get();
        ForeignNat nat =
            new ForeignNat(
                key(c),
                Columns.string(r, "type").orElse(""),
                Columns.string(r, "external_ip").orElse(""),
                Columns.string(r, "logical_ip").orElse(""));
        natKey(r).ifPresent(ip -> editNats(ip, list -> list.add(nat)));
      }
    }

    void policy(RowChange c) {
      wide |= foreign(c.before()) || foreign(c.after());
      if (foreign(c.before())) {
        Columns.string(c.before().get(), "match")
            .ifPresent(m -> editPolicies(m, list -> list.removeIf(p -> p.uuid().equals(key(c)))));
      }
      if (foreign(c.after())) {
        Row r = c.after().get();
        Optional<String> match = Columns.string(r, "match");
        ForeignPolicy p =
            new ForeignPolicy(
                key(c),
                Columns.integer(r, "priority").orElse(-1L),
                match.orElse(""),
                Columns.string(r, "action").orElse(""));
        match.ifPresent(m -> editPolicies(m, list -> list.add(p)));
      }
    }

    private void editNats(IpAddress ip, java.util.function.Consumer<List<ForeignNat>> edit) {
      Optional<List<ForeignNat>> pending = nats.get(ip);
      List<ForeignNat> list =
          new ArrayList<>(
              pending != null
                  ? pending.orElse(List.of())
                  : Optional.ofNullable(natsByIp.get(ip)).orElse(List.of()));
      edit.accept(list);
      nats.put(ip, list.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(list)));
    }

    private void editPolicies(String match, java.util.function.Consumer<List<ForeignPolicy>> edit) {
      Optional<List<ForeignPolicy>> pending = policies.get(match);
      List<ForeignPolicy> list =
          new ArrayList<>(
              pending != null
                  ? pending.orElse(List.of())
                  : Optional.ofNullable(policiesByMatch.get(match)).orElse(List.of()));
      edit.accept(list);
      policies.put(match, list.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(list)));
    }

    private Map<Uuid, Lsp> links() {
      if (links == null) {
        links = new HashMap<>(linkPorts);
      }
      return links;
    }

    private Map<Uuid, String> switches() {
      if (switches == null) {
        switches = new HashMap<>(switchNames);
      }
      return switches;
    }

    private Map<Uuid, String> lrps() {
      if (lrps == null) {
        lrps = new HashMap<>(routerPortNames);
      }
      return lrps;
    }

    private Map<Uuid, Set<Object>> routers() {
      if (routers == null) {
        routers = new HashMap<>(routerPorts);
      }
      return routers;
    }

    void publish(Map<Uuid, String> routerNames) {
      lspByName = lspByName.with(lsps);
      namesByUuid = namesByUuid.with(names);
      natsByIp = natsByIp.with(nats);
      policiesByMatch = policiesByMatch.with(policies);
      linkPorts = links == null ? linkPorts : Map.copyOf(links);
      switchNames = switches == null ? switchNames : Map.copyOf(switches);
      routerPortNames = lrps == null ? routerPortNames : Map.copyOf(lrps);
      routerPorts = routers == null ? routerPorts : Map.copyOf(routers);
      facts =
          new NbFacts(
              lspByName,
              namesByUuid,
              natsByIp,
              policiesByMatch,
              linkPorts,
              switchNames,
              routerPortNames,
              routerPorts,
              Map.copyOf(routerNames));
    }
  }

  private static String key(RowChange c) {
    return c.uuid().value();
  }

  private static Optional<IpAddress> natKey(Row r) {
    return Columns.string(r, "external_ip").flatMap(IpAddress::parse);
  }

  private static Uuid switchOf(Uuid port, ReferenceIndex references) {
    for (Referrer r : references.of(port)) {
      if (r.table().equals(NbTable.LOGICAL_SWITCH.tableName()) && r.column().equals("ports")) {
        return r.uuid();
      }
    }
    return null;
  }
}

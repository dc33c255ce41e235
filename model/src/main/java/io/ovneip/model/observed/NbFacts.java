package io.ovneip.model.observed;

import io.ovneip.model.input.IpAddress;
import io.ovneip.model.input.NorthboundFacts;
import io.ovneip.model.input.PodRef;
import io.ovneip.ovsdb.protocol.Uuid;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One immutable version of the rows not ours that the model must respect ({@link ForeignIndex}):
 * {@link #forRouter} answers the model's questions about pods' ports and foreign claimants.
 */
public final class NbFacts {
  static final NbFacts EMPTY =
      new NbFacts(
          ShardedMap.empty(),
          ShardedMap.empty(),
          ShardedMap.empty(),
          ShardedMap.empty(),
          Map.of(),
          Map.of(),
          Map.of(),
          Map.of(),
          Map.of());

  private final ShardedMap<String, ForeignIndex.Lsp> lspByName;
  private final ShardedMap<Uuid, String> namesByUuid;
  private final ShardedMap<IpAddress, List<NorthboundFacts.ForeignNat>> natsByIp;
  private final ShardedMap<String, List<NorthboundFacts.ForeignPolicy>> policiesByMatch;
  private final Map<Uuid, ForeignIndex.Lsp> linkPorts;
  private final Map<Uuid, String> switchNames;
  private final Map<Uuid, String> routerPortNames;
  private final Map<Uuid, Set<Object>> routerPorts;
  private final Map<Uuid, String> routerNames;

  NbFacts(
      ShardedMap<String, ForeignIndex.Lsp> lspByName,
      ShardedMap<Uuid, String> namesByUuid,
      ShardedMap<IpAddress, List<NorthboundFacts.ForeignNat>> natsByIp,
      ShardedMap<String, List<NorthboundFacts.ForeignPolicy>> policiesByMatch,
      Map<Uuid, ForeignIndex.Lsp> linkPorts,
      Map<Uuid, String> switchNames,
      Map<Uuid, String> routerPortNames,
      Map<Uuid, Set<Object>> routerPorts,
      Map<Uuid, String> routerNames) {
    this.lspByName = lspByName;
    this.namesByUuid = namesByUuid;
    this.natsByIp = natsByIp;
    this.policiesByMatch = policiesByMatch;
    this.linkPorts = linkPorts;
    this.switchNames = switchNames;
    this.routerPortNames = routerPortNames;
    this.routerPorts = routerPorts;
    this.routerNames = routerNames;
  }

  public static NbFacts empty() {
    return EMPTY;
  }

  /** The name of a Logical_Switch_Port or Gateway_Chassis not ours; empty when not known. */
  public Optional<String> foreignName(Uuid uuid) {
    return Optional.ofNullable(namesByUuid.get(uuid));
  }

  /** The facts as the model reads them, for the cluster router named {@code routerName}. */
  public NorthboundFacts forRouter(String routerName) {
    Objects.requireNonNull(routerName, "routerName");
    return new NorthboundFacts() {
      @Override
      public Optional<PodPort> podPort(PodRef pod) {
        ForeignIndex.Lsp lsp = lspByName.get(pod.logicalPortName());
        if (lsp == null) {
          return Optional.empty();
        }
        String switchName =
            lsp.switchUuid() == null
                ? "(none)"
                : switchNames.getOrDefault(lsp.switchUuid(), lsp.switchUuid().value());
        return Optional.of(
            new PodPort(
                lsp.name(), switchName, kind(lsp.switchUuid(), routerName), lsp.addresses()));
      }

      @Override
      public List<ForeignNat> foreignNats(IpAddress externalIp) {
        List<ForeignNat> l = natsByIp.get(externalIp);
        return l == null ? List.of() : l;
      }

      @Override
      public List<ForeignPolicy> foreignPolicies(String match) {
        List<ForeignPolicy> l = policiesByMatch.get(match);
        return l == null ? List.of() : l;
      }
    };
  }

  /**
   * Underlay when the switch has a localnet port; a subnet of the cluster router when one of its
   * router ports names a port of that router; otherwise another VPC's (or nobody's).
   */
  private NorthboundFacts.SwitchKind kind(Uuid sw, String routerName) {
    if (sw == null) {
      return NorthboundFacts.SwitchKind.OTHER;
    }
    Set<String> clusterPorts = new HashSet<>();
    routerPorts.forEach(
        (router, ports) -> {
          if (routerName.equals(routerNames.get(router))) {
            for (Object p : ports) {
              if (p instanceof Uuid u && routerPortNames.containsKey(u)) {
                clusterPorts.add(routerPortNames.get(u));
              }
            }
          }
        });
    boolean linked = false;
    for (ForeignIndex.Lsp p : linkPorts.values()) {
      if (!sw.equals(p.switchUuid())) {
        continue;
      }
      if (p.type().equals("localnet")) {
        return NorthboundFacts.SwitchKind.UNDERLAY;
      }
      linked |= p.type().equals("router") && clusterPorts.contains(p.routerPort());
    }
    return linked ? NorthboundFacts.SwitchKind.CLUSTER : NorthboundFacts.SwitchKind.OTHER;
  }
}

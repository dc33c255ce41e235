package io.ovneip.controller.adopt;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ovneip.controller.kube.KubeInputs;
import io.ovneip.controller.ovn.NorthboundDb;
import io.ovneip.controller.status.OvnStateReader;
import io.ovneip.controller.status.StatusCollector;
import io.ovneip.model.adopt.Adoption;
import io.ovneip.model.desired.DesiredNb;
import io.ovneip.model.desired.DesiredResult;
import io.ovneip.model.input.GatewayConfig;
import io.ovneip.model.input.GatewayConfigParser;
import io.ovneip.model.input.GatewaySettings;
import io.ovneip.model.input.NodeInventory;
import io.ovneip.model.input.Validated;
import io.ovneip.model.nb.ExternalIds;
import io.ovneip.model.nb.NbRow;
import io.ovneip.model.nb.NbTable;
import io.ovneip.ovsdb.cache.MonitorRequest;
import io.ovneip.ovsdb.cache.Replica;
import io.ovneip.ovsdb.cache.Snapshot;
import io.ovneip.ovsdb.client.OvsdbClient;
import io.ovneip.ovsdb.protocol.Condition;
import io.ovneip.ovsdb.protocol.Mutation;
import io.ovneip.ovsdb.protocol.Operation;
import io.ovneip.ovsdb.protocol.OvsdbMap;
import io.ovneip.ovsdb.protocol.OvsdbSet;
import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rows left by Kube-OVN's own EIP/SNAT (no owner key) that match what this system would write now
 * are adopted (docs/behaviour.md §8): {@link #plan} lists them and the ones that differ; {@link
 * #apply} gives the matching ones our owner key and vendor in one transaction, each guarded by a
 * {@code wait} on the row as it was read, so a row changed meanwhile is left alone. Differing rows
 * are never touched.
 */
public final class Adopter {
  private final KubernetesClient kube;
  private final OvsdbClient nb;
  private final OvsdbClient sb;
  private final GatewaySettings settings;
  private final Duration timeout;

  public Adopter(
      KubernetesClient kube,
      OvsdbClient nb,
      OvsdbClient sb,
      GatewaySettings settings,
      Duration timeout) {
    this.kube = kube;
    this.nb = nb;
    this.sb = sb;
    this.settings = settings;
    this.timeout = timeout;
  }

  /** What adoption would do now; empty when the ConfigMap is missing or invalid. */
  public List<Adoption.Candidate> plan() {
    Optional<ConfigMap> cm =
        Optional.ofNullable(
            kube.configMaps()
                .inNamespace(settings.configNamespace())
                .withName(GatewayConfigParser.CONFIG_MAP_NAME)
                .get());
    Validated<GatewayConfig> config =
        GatewayConfigParser.parse(cm.map(ConfigMap::getData).map(Map::copyOf).orElse(null));
    if (config.value().isEmpty()) {
      return List.of();
    }
    StatusCollector.OvnState ovn = OvnStateReader.read(nb, sb, settings, timeout);
    NodeInventory nodes =
        new NodeInventory(
            KubeInputs.nodes(kube.nodes().list().getItems()),
            ovn.chassisByHostname(),
            ovn.activeChassis());
    // What this system would write if the rows not ours were its own: those are the candidates
    // (the controller itself lets them win until they go, docs/behaviour.md §4.5).
    DesiredResult desired =
        DesiredNb.build(
            settings,
            config.value().get(),
            nodes,
            new KubeInputs().intents(kube.pods().inAnyNamespace().list().getItems()),
            ovn.facts().withoutForeignClaims());
    List<NbRow> rows = desired.state().map(s -> s.allRows()).orElse(List.of());
    return Adoption.match(rows, foreign());
  }

  /** Adopts the matching candidates in one transaction; returns how many. */
  public int apply(List<Adoption.Candidate> candidates) {
    List<Operation> ops = new ArrayList<>();
    for (Adoption.Candidate c : candidates) {
      if (!c.adopt()) {
        continue;
      }
      List<Condition> where = List.of(Condition.eq("_uuid", c.uuid()));
      // Only our keys: the vendor (Kube-OVN's, replaced by ours) and the owner key.
      ops.add(
          new Operation.Mutate(
              c.table().tableName(),
              where,
              List.of(
                  Mutation.delete(
                      "external_ids", OvsdbSet.of(ExternalIds.VENDOR_KEY, ExternalIds.OWNER_KEY)),
                  Mutation.insert(
                      "external_ids",
                      OvsdbMap.of(
                          Map.of(
                              ExternalIds.VENDOR_KEY,
                              ExternalIds.VENDOR,
                              ExternalIds.OWNER_KEY,
                              c.owner().value()))))));
    }
    if (!ops.isEmpty()) {
      nb.transact(NorthboundDb.DB, ops);
    }
    return ops.size();
  }

  private List<Adoption.Foreign> foreign() {
    MonitorRequest.Builder request = MonitorRequest.builder();
    for (NbTable t : NbTable.values()) {
      request.table(t.tableName());
    }
    try (Replica replica = Replica.open(nb, NorthboundDb.DB, request.build())) {
      Snapshot s = replica.awaitInitial(timeout);
      List<Adoption.Foreign> out = new ArrayList<>();
      for (NbTable t : NbTable.values()) {
        for (Map.Entry<Uuid, Row> e : s.table(t.tableName()).entrySet()) {
          out.add(new Adoption.Foreign(t, e.getKey(), e.getValue()));
        }
      }
      return out;
    }
  }
}

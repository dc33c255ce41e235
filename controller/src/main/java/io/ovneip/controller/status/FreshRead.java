package io.ovneip.controller.status;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ovneip.controller.kube.KubeInputs;
import io.ovneip.model.desired.DesiredMemo;
import io.ovneip.model.desired.DesiredNb;
import io.ovneip.model.desired.DesiredResult;
import io.ovneip.model.diff.NbDiff;
import io.ovneip.model.diff.Plan;
import io.ovneip.model.input.EffectiveConfig;
import io.ovneip.model.input.GatewayConfigParser;
import io.ovneip.model.input.GatewaySettings;
import io.ovneip.model.input.NodeInventory;
import io.ovneip.model.nb.OwnerKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the model decides from a fresh read of the API and the databases, never the controller's
 * memory: the config to build under ({@link EffectiveConfig}; the last good config is the one our
 * gateway rows in NB record, as a restarted controller takes it, docs/behaviour.md §2.1), the
 * desired state, and the plan from what NB holds to it. Shared by {@code ovn-eip status} and the
 * sandbox's check.
 *
 * @param plan empty when the gateway is held (nothing to compare with)
 */
public record FreshRead(
    EffectiveConfig config, List<Pod> pods, DesiredResult desired, Optional<Plan> plan) {

  public static FreshRead of(
      KubernetesClient client, GatewaySettings settings, StatusCollector.OvnState ovn) {
    Optional<ConfigMap> cm =
        Optional.ofNullable(
            client
                .configMaps()
                .inNamespace(settings.configNamespace())
                .withName(GatewayConfigParser.CONFIG_MAP_NAME)
                .get());
    EffectiveConfig config =
        EffectiveConfig.of(
            GatewayConfigParser.parse(cm.map(ConfigMap::getData).map(Map::copyOf).orElse(null)),
            ovn.nb().recordedConfig());
    List<Pod> pods = client.pods().inAnyNamespace().list().getItems();
    NodeInventory nodes =
        new NodeInventory(
            KubeInputs.nodes(client.nodes().list().getItems()),
            ovn.chassisByHostname(),
            ovn.activeChassis());
    DesiredResult desired =
        DesiredNb.build(
            settings, config, nodes, new KubeInputs().intents(pods), ovn.facts(), DesiredMemo.NONE);
    Optional<Plan> plan = desired.state().map(s -> NbDiff.compute(s, ovn.nb()));
    return new FreshRead(config, pods, desired, plan);
  }

  /** The owners whose rows in NB differ from what they want. */
  public Set<OwnerKey> pending() {
    return plan.map(Plan::owners).orElse(Set.of());
  }
}

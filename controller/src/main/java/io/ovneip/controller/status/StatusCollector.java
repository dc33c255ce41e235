package io.ovneip.controller.status;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ovneip.controller.kube.KubeInputs;
import io.ovneip.model.desired.DesiredNb;
import io.ovneip.model.desired.DesiredResult;
import io.ovneip.model.desired.GatewayOutcome;
import io.ovneip.model.desired.PodOutcome;
import io.ovneip.model.diff.NbDiff;
import io.ovneip.model.diff.Plan;
import io.ovneip.model.input.Annotations;
import io.ovneip.model.input.GatewayConfig;
import io.ovneip.model.input.GatewayConfigParser;
import io.ovneip.model.input.GatewaySettings;
import io.ovneip.model.input.NodeInventory;
import io.ovneip.model.input.NorthboundFacts;
import io.ovneip.model.input.Validated;
import io.ovneip.model.nb.NbGatewayChassis;
import io.ovneip.model.nb.NbRow;
import io.ovneip.model.nb.OwnerKey;
import io.ovneip.model.observed.ObservedNb;
import io.ovneip.model.observed.ObservedRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Computes a {@link StatusReport} the way the controller decides, from the same pure model: the
 * verdict per pod comes from the model, "applied" versus "pending" from comparing its desired rows
 * with what NB holds now.
 */
public final class StatusCollector {
  private StatusCollector() {}

  /** What is read from the databases: owned NB rows, SB chassis, the active gateway chassis. */
  public record OvnState(
      ObservedNb nb,
      NorthboundFacts facts,
      Map<String, String> chassisByHostname,
      Optional<String> activeChassis) {}

  public static StatusReport collect(
      KubernetesClient client, GatewaySettings settings, OvnState ovn) {
    Optional<ConfigMap> cm =
        Optional.ofNullable(
            client
                .configMaps()
                .inNamespace(settings.configNamespace())
                .withName(GatewayConfigParser.CONFIG_MAP_NAME)
                .get());
    Validated<GatewayConfig> config =
        GatewayConfigParser.parse(cm.map(ConfigMap::getData).map(Map::copyOf).orElse(null));
    List<Pod> pods = client.pods().inAnyNamespace().list().getItems();
    NodeInventory nodes =
        new NodeInventory(
            KubeInputs.nodes(client.nodes().list().getItems()),
            ovn.chassisByHostname(),
            ovn.activeChassis());
    DesiredResult result =
        DesiredNb.build(settings, config, nodes, new KubeInputs().intents(pods), ovn.facts());
    Set<OwnerKey> pending =
        result.state().map(s -> NbDiff.compute(s, ovn.nb()).owners()).orElse(Set.of());
    return new StatusReport(gateway(config, result, ovn), podLines(pods, result, pending));
  }

  private static StatusReport.Gateway gateway(
      Validated<GatewayConfig> config, DesiredResult result, OvnState ovn) {
    List<StatusReport.ChassisLine> chassis = new ArrayList<>();
    for (ObservedRow row : ovn.nb().rows(OwnerKey.GATEWAY)) {
      Optional<NbRow> typed = row.typed();
      if (typed.isPresent() && typed.get() instanceof NbGatewayChassis gc) {
        chassis.add(
            new StatusReport.ChassisLine(
                gc.chassisName(),
                gc.priority(),
                ovn.activeChassis().map(gc.chassisName()::equals).orElse(false)));
      }
    }
    chassis.sort(Comparator.comparingLong(StatusReport.ChassisLine::priority).reversed());
    List<String> problems = new ArrayList<>();
    config.errors().forEach(e -> problems.add(e.key() + ": " + e.message()));
    if (result.gateway() instanceof GatewayOutcome.Applied a) {
      a.nodesWithoutChassis().forEach(n -> problems.add("no chassis for node " + n));
      a.unknownNodes().forEach(n -> problems.add("unknown node " + n));
      return new StatusReport.Gateway(
          "enabled",
          a.type().name().toLowerCase(),
          result.gatewayNodes().orElse(List.of()),
          chassis,
          problems);
    }
    String state = result.gateway() instanceof GatewayOutcome.Invalid ? "invalid" : "disabled";
    return new StatusReport.Gateway(state, "", List.of(), chassis, problems);
  }

  private static List<StatusReport.PodLine> podLines(
      List<Pod> pods, DesiredResult result, Set<OwnerKey> pending) {
    List<StatusReport.PodLine> lines = new ArrayList<>();
    for (Pod pod : pods) {
      Map<String, String> a = pod.getMetadata().getAnnotations();
      if (a == null || (!a.containsKey(Annotations.EIP) && !a.containsKey(Annotations.SNAT))) {
        continue;
      }
      var ref = KubeInputs.ref(pod);
      PodOutcome outcome = result.pod(ref).orElse(null);
      String state =
          outcome == null ? "unknown" : state(outcome, pending.contains(OwnerKey.pod(ref)));
      lines.add(
          new StatusReport.PodLine(
              ref.namespace(),
              ref.name(),
              a.getOrDefault(Annotations.EIP, ""),
              a.getOrDefault(Annotations.SNAT, ""),
              state,
              outcome == null ? "" : reason(outcome)));
    }
    lines.sort(
        Comparator.comparing(StatusReport.PodLine::namespace)
            .thenComparing(StatusReport.PodLine::name));
    return lines;
  }

  private static String state(PodOutcome o, boolean rowsDiffer) {
    return switch (o.status()) {
      case APPLIED -> rowsDiffer ? "pending" : "applied";
      case CONFLICT -> "conflict";
      case INVALID -> "invalid";
      case NOT_READY, PORT_NOT_FOUND -> "pending";
      case PORT_MISMATCH -> "untrusted";
      case OTHER_NETWORK -> "ignored";
      case GATEWAY_DISABLED -> "disabled";
      case GATEWAY_INVALID -> "held";
      case IGNORED -> "ignored";
      case GONE, NO_REQUEST -> "none";
    };
  }

  private static String reason(PodOutcome o) {
    if (o.status() == PodOutcome.Status.APPLIED) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    o.addresses().stream()
        .filter(x -> !x.reason().isEmpty())
        .forEach(x -> parts.add(x.request().name() + " " + x.address() + ": " + x.reason()));
    return parts.isEmpty() ? o.reason() : String.join("; ", parts);
  }

  /** Which plan owners are pending, for callers that have a plan already. */
  static Set<OwnerKey> owners(Plan plan) {
    return plan.owners();
  }
}

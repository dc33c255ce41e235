package io.ovneip.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ovneip.controller.preflight.Finding;
import io.ovneip.controller.preflight.Preflight;
import io.ovneip.controller.status.OvnStateReader;
import io.ovneip.controller.status.StatusCollector;
import io.ovneip.controller.status.StatusReport;
import io.ovneip.model.input.GatewaySettings;
import io.ovneip.ovsdb.client.OvsdbClient;
import io.ovneip.ovsdb.client.OvsdbClientOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code ovn-eip status}: the gateway and every pod's EIP/SNAT state, with the reason. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Shows the gateway (nodes, chassis, priorities, the active chassis) and each pod's"
            + " EIP/SNAT with its state (applied, pending, conflict, invalid...) and why. Reads"
            + " Kubernetes and the OVN databases; the sandbox's DIR/env sets everything.")
public final class StatusCommand implements Callable<Integer> {
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  @Option(
      names = "--kubeconfig",
      defaultValue = "${env:KUBECONFIG}",
      description = "kubeconfig (env KUBECONFIG).")
  Path kubeconfig;

  @Option(
      names = "--ovn-nb-addr",
      required = true,
      defaultValue = "${env:OVN_NB_DB}",
      description = "Northbound DB (env OVN_NB_DB).")
  String nbAddress;

  @Option(
      names = "--ovn-sb-addr",
      required = true,
      defaultValue = "${env:OVN_SB_DB}",
      description = "Southbound DB (env OVN_SB_DB).")
  String sbAddress;

  @Option(
      names = "--external-gateway-config-ns",
      defaultValue = "kube-system",
      description = "Namespace of the ConfigMap (default: ${DEFAULT-VALUE}).")
  String configNamespace;

  @Option(
      names = "--external-gateway-switch",
      defaultValue = "external",
      description = "External switch (default: ${DEFAULT-VALUE}).")
  String switchName;

  @Option(
      names = "--cluster-router",
      defaultValue = "ovn-cluster",
      description = "Cluster router (default: ${DEFAULT-VALUE}).")
  String routerName;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "table",
      description = "table or json (default: ${DEFAULT-VALUE}).")
  String output;

  @Override
  public Integer call() throws Exception {
    GatewaySettings settings =
        new GatewaySettings(
            configNamespace, GatewaySettings.DEFAULT_EXTERNAL_NET, 0, switchName, routerName);
    StatusReport report;
    List<Finding> preflight;
    try (KubernetesClient client = KubeConfigs.client(Optional.ofNullable(kubeconfig));
        OvsdbClient nb = OvsdbClient.connect(OvsdbClientOptions.of(nbAddress));
        OvsdbClient sb = OvsdbClient.connect(OvsdbClientOptions.of(sbAddress))) {
      report =
          StatusCollector.collect(client, settings, OvnStateReader.read(nb, sb, settings, TIMEOUT));
      preflight = new Preflight(client, settings).run();
    }
    if ("json".equals(output)) {
      System.out.println(
          JsonMapper.builder()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .build()
              .writeValueAsString(report));
    } else {
      StatusTable.print(report, System.out);
      // Beside Kube-OVN: what would make the two fight (ovn-eip preflight shows the same).
      System.out.println();
      System.out.println("Preflight (Kube-OVN settings):");
      preflight.forEach(f -> System.out.println("  " + f.line()));
    }
    return 0;
  }

  /** The human view: a gateway block, then one row per pod. */
  static final class StatusTable {
    private StatusTable() {}

    static void print(StatusReport r, PrintStream out) {
      StatusReport.Gateway g = r.gateway();
      out.printf("Gateway: %s%s%n", g.state(), g.type().isEmpty() ? "" : " (" + g.type() + ")");
      if (!g.nodes().isEmpty()) {
        out.println("  nodes: " + String.join(", ", g.nodes()));
      }
      for (StatusReport.ChassisLine c : g.chassis()) {
        out.printf(
            "  chassis %-40s priority %3d  %-16s%s%n",
            c.chassis(), c.priority(), c.progress(), c.active() ? "  (active)" : "");
      }
      g.problems().forEach(p -> out.println("  problem: " + p));
      out.println();
      out.printf(
          "%-16s %-24s %-22s %-22s %-9s %-9s %-22s %s%n",
          "NAMESPACE", "POD", "EIP", "SNAT", "STATE", "COMMITTED", "REALIZED", "REASON");
      for (StatusReport.PodLine p : r.pods()) {
        out.printf(
            "%-16s %-24s %-22s %-22s %-9s %-9s %-22s %s%n",
            p.namespace(),
            p.name(),
            p.eip(),
            p.snat(),
            p.state(),
            p.committed(),
            p.realized(),
            p.reason());
      }
    }
  }
}

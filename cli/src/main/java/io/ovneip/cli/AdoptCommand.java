package io.ovneip.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ovneip.controller.adopt.Adopter;
import io.ovneip.model.adopt.Adoption;
import io.ovneip.model.input.GatewaySettings;
import io.ovneip.ovsdb.client.OvsdbClient;
import io.ovneip.ovsdb.client.OvsdbClientOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ovn-eip adopt [--apply]}: take over Kube-OVN's own EIP/SNAT rows without an outage. */
@Command(
    name = "adopt",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the Northbound rows Kube-OVN's own EIP/SNAT left (no ovn-eip owner key) that are"
          + " exactly what ovn-eip would write now (gateway switch and ports, Gateway_Chassis, NAT"
          + " rows, 29250 reroute policies), and the ones that differ.",
      "With --apply, the matching rows get ovn-eip's owner key and vendor in one transaction: the"
          + " controller then keeps them (a 29250 policy moves to ovn-eip's priority in one"
          + " transaction) instead of deleting and writing them again. Rows that differ are never"
          + " touched."
    })
public final class AdoptCommand implements Callable<Integer> {
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  @Option(names = "--apply", description = "Adopt the matching rows (default: only list).")
  boolean apply;

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
      defaultValue = "${env:EXTERNAL_GATEWAY_CONFIG_NS:-kube-system}",
      description = "Namespace of the ConfigMap (default: ${DEFAULT-VALUE}).")
  String configNamespace;

  @Option(
      names = "--external-gateway-net",
      defaultValue = "${env:EXTERNAL_GATEWAY_NET:-external}",
      description = "Network name (default: ${DEFAULT-VALUE}).")
  String externalNet;

  @Option(
      names = "--external-gateway-vlanid",
      defaultValue = "${env:EXTERNAL_GATEWAY_VLANID:-0}",
      description = "VLAN of the localnet port (default: ${DEFAULT-VALUE}).")
  int vlanId;

  @Option(
      names = "--external-gateway-switch",
      defaultValue = "${env:EXTERNAL_GATEWAY_SWITCH:-external}",
      description = "External switch (default: ${DEFAULT-VALUE}).")
  String switchName;

  @Option(
      names = "--cluster-router",
      defaultValue = "${env:CLUSTER_ROUTER:-ovn-cluster}",
      description = "Cluster router (default: ${DEFAULT-VALUE}).")
  String routerName;

  @Option(
      names = "--reroute-priority",
      defaultValue = "${env:REROUTE_PRIORITY:-29260}",
      description = "The controller's reroute priority (default: ${DEFAULT-VALUE}).")
  long reroutePriority;

  @Override
  public Integer call() throws Exception {
    GatewaySettings settings =
        new GatewaySettings(
            configNamespace, externalNet, vlanId, switchName, routerName, reroutePriority);
    try (KubernetesClient kube = KubeConfigs.client(Optional.ofNullable(kubeconfig));
        OvsdbClient nb = OvsdbClient.connect(OvsdbClientOptions.of(nbAddress));
        OvsdbClient sb = OvsdbClient.connect(OvsdbClientOptions.of(sbAddress))) {
      Adopter adopter = new Adopter(kube, nb, sb, settings, TIMEOUT);
      List<Adoption.Candidate> plan = adopter.plan();
      if (plan.isEmpty()) {
        System.out.println("nothing to adopt (no foreign row matches what ovn-eip would write)");
        return 0;
      }
      plan.forEach(c -> System.out.println(c.line()));
      if (apply) {
        System.out.println("adopted " + adopter.apply(plan) + " row(s) in one transaction");
      } else {
        System.out.println("(nothing changed; run again with --apply to adopt)");
      }
    }
    return 0;
  }
}

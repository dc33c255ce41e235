package io.ovneip.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ovneip.controller.preflight.Finding;
import io.ovneip.controller.preflight.Preflight;
import io.ovneip.model.input.GatewaySettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ovn-eip preflight}: Kube-OVN settings that would fight ovn-eip, with the fix. */
@Command(
    name = "preflight",
    mixinStandardHelpOptions = true,
    description = {
      "Checks what the Kubernetes API shows of Kube-OVN's settings against the coexistence"
          + " recipe: kube-ovn-controller's --enable-eip-snat and --external-gateway-switch,"
          + " kube-ovn-cni's --external-gateway-config-ns and --external-gateway-switch, Vpc"
          + " ovn-cluster's enableExternal, Subnets/ProviderNetworks named like ovn-eip's switch"
          + " or network, pods with north_gateway and eip/snat, leftover"
          + " ovn.kubernetes.io/external-gw labels.",
      "Each warning says what to change, with the command. What cannot be read (no permission, no"
          + " CRD) is 'not checked'. Exit code 1 when any warning, else 0. The controller runs the"
          + " same checks at start (Events on the ConfigMap)."
    })
public final class PreflightCommand implements Callable<Integer> {
  @Option(
      names = "--kubeconfig",
      defaultValue = "${env:KUBECONFIG}",
      description = "kubeconfig (env KUBECONFIG).")
  Path kubeconfig;

  @Option(
      names = "--external-gateway-config-ns",
      defaultValue = "${env:EXTERNAL_GATEWAY_CONFIG_NS:-kube-system}",
      description = "Namespace of ovn-eip's ConfigMap (default: ${DEFAULT-VALUE}).")
  String configNamespace;

  @Option(
      names = "--external-gateway-net",
      defaultValue = "${env:EXTERNAL_GATEWAY_NET:-external}",
      description = "ovn-eip's network name (default: ${DEFAULT-VALUE}).")
  String externalNet;

  @Option(
      names = "--external-gateway-switch",
      defaultValue = "${env:EXTERNAL_GATEWAY_SWITCH:-external}",
      description = "ovn-eip's switch (default: ${DEFAULT-VALUE}).")
  String switchName;

  @Option(
      names = "--cluster-router",
      defaultValue = "${env:CLUSTER_ROUTER:-ovn-cluster}",
      description = "The cluster router (default: ${DEFAULT-VALUE}).")
  String routerName;

  @Override
  public Integer call() throws Exception {
    GatewaySettings settings =
        new GatewaySettings(configNamespace, externalNet, 0, switchName, routerName);
    List<Finding> findings;
    try (KubernetesClient client = KubeConfigs.client(Optional.ofNullable(kubeconfig))) {
      findings = new Preflight(client, settings).run();
    }
    findings.forEach(f -> System.out.println(f.line()));
    return Preflight.clean(findings) ? 0 : 1;
  }
}

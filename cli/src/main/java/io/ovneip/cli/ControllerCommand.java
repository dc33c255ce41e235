package io.ovneip.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ovneip.controller.Controller;
import io.ovneip.controller.ControllerOptions;
import io.ovneip.controller.kube.RoutedOwner;
import io.ovneip.model.input.GatewaySettings;
import io.ovneip.model.input.Validated;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ovn-eip controller}: Kubernetes -> OVN Northbound, until SIGTERM. */
@Command(
    name = "controller",
    mixinStandardHelpOptions = true,
    description =
        "Turns the ConfigMap ovn-external-gw-config and pod eip/snat annotations into OVN"
            + " Northbound rows (the L3 gateway, NAT rows, reroute policies).")
public final class ControllerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--external-gateway-config-ns",
      defaultValue = "${env:EXTERNAL_GATEWAY_CONFIG_NS:-kube-system}",
      description =
          "Namespace of the ConfigMap ovn-external-gw-config (default: ${DEFAULT-VALUE}).")
  String configNamespace;

  @Option(
      names = "--external-gateway-net",
      defaultValue = "${env:EXTERNAL_GATEWAY_NET:-external}",
      description = "Localnet network_name and bridge-mapping key (default: ${DEFAULT-VALUE}).")
  String externalNet;

  @Option(
      names = "--external-gateway-vlanid",
      defaultValue = "${env:EXTERNAL_GATEWAY_VLANID:-0}",
      description =
          "VLAN tag of the localnet port; 0 = untagged, 1..4094 (default: ${DEFAULT-VALUE}).")
  int vlanId;

  @Option(
      names = "--external-gateway-switch",
      defaultValue = "${env:EXTERNAL_GATEWAY_SWITCH:-external}",
      description = "Name of the external logical switch (default: ${DEFAULT-VALUE}).")
  String switchName;

  @Option(
      names = "--cluster-router",
      defaultValue = "${env:CLUSTER_ROUTER:-ovn-cluster}",
      description = "The default VPC's logical router (default: ${DEFAULT-VALUE}).")
  String routerName;

  @Option(
      names = "--reroute-priority",
      defaultValue = "${env:REROUTE_PRIORITY:-29260}",
      description =
          "Priority of the reroute policies; not 29250, which kube-ovn-controller deletes at every"
              + " leader start (default: ${DEFAULT-VALUE}).")
  long reroutePriority;

  @Option(
      names = "--routed-owner",
      defaultValue = "${env:ROUTED_OWNER:-auto}",
      description =
          "Who writes the pod annotation ovn.kubernetes.io/routed: kube-ovn (never written here),"
              + " ovn-eip (set after the commit, never removed), or auto: kube-ovn when the API"
              + " serves vpcs.kubeovn.io (default: ${DEFAULT-VALUE}).")
  String routedOwner;

  @Option(
      names = "--ovn-nb-addr",
      required = true,
      defaultValue = "${env:OVN_NB_DB}",
      description =
          "Northbound DB: comma list of tcp:IP:PORT, ssl:IP:PORT, unix:PATH (env OVN_NB_DB).")
  String nbAddress;

  @Option(
      names = "--ovn-sb-addr",
      required = true,
      defaultValue = "${env:OVN_SB_DB}",
      description = "Southbound DB (read only: Chassis rows), same forms (env OVN_SB_DB).")
  String sbAddress;

  @Option(names = "--ovn-ssl-key", description = "PEM private key for ssl: remotes.")
  Path sslKey;

  @Option(names = "--ovn-ssl-cert", description = "PEM certificate for ssl: remotes.")
  Path sslCert;

  @Option(names = "--ovn-ssl-ca", description = "PEM CA certificate for ssl: remotes.")
  Path sslCa;

  @Option(
      names = "--kubeconfig",
      defaultValue = "${env:KUBECONFIG}",
      description = "kubeconfig file; in-cluster configuration when absent (env KUBECONFIG).")
  Path kubeconfig;

  @Option(
      names = "--leader-elect",
      defaultValue = "true",
      negatable = true,
      fallbackValue = "true",
      description =
          "Elect a leader on a Lease so that exactly one replica writes (default: ${DEFAULT-VALUE}).")
  boolean leaderElect;

  @Option(
      names = "--leader-elect-namespace",
      defaultValue = "${env:POD_NAMESPACE:-kube-system}",
      description = "Namespace of the Lease (default: ${DEFAULT-VALUE}).")
  String leaseNamespace;

  @Option(
      names = "--identity",
      defaultValue = "${env:POD_NAME:-${env:HOSTNAME:-ovn-eip-controller}}",
      description = "This replica's name in the Lease (default: ${DEFAULT-VALUE}).")
  String identity;

  @Option(
      names = "--resync-period",
      defaultValue = "PT5M",
      description = "Full reconcile period, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration resyncPeriod;

  @Option(
      names = "--gateway-lag-threshold",
      defaultValue = "PT30S",
      description =
          "How long a gateway chassis may stay behind one nb_cfg value while other chassis catch"
              + " up before it gets the lowest gateway priority, ISO-8601 (default:"
              + " ${DEFAULT-VALUE}).")
  Duration gatewayLagThreshold;

  @Option(
      names = "--metrics-addr",
      description = "host:port for /metrics, /healthz and /readyz (off when absent).")
  String metricsAddress;

  @Override
  public Integer call() throws Exception {
    ControllerOptions options = options();
    CountDownLatch stopped = new CountDownLatch(1);
    try (KubernetesClient client = KubeConfigs.client(Optional.ofNullable(kubeconfig));
        Controller controller = Controller.start(options, client);
        AutoCloseable metrics =
            ObservabilityServer.startIfAsked(
                metricsAddress,
                controller.metrics().registry(),
                controller::healthy,
                controller::ready)) {
      CountDownLatch stop = new CountDownLatch(1);
      // The JVM halts once its shutdown hooks return: the hook waits until the controller has
      // stopped its workers and released the Lease (closing below), so a successor takes over
      // at once instead of after the lease duration.
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    stop.countDown();
                    try {
                      stopped.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  },
                  "shutdown"));
      stop.await();
    } finally {
      stopped.countDown();
    }
    return 0;
  }

  ControllerOptions options() {
    Validated<GatewaySettings> settings =
        GatewaySettings.of(
            configNamespace, externalNet, vlanId, switchName, routerName, reroutePriority);
    if (settings.value().isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          settings.errors().stream()
              .map(e -> e.key() + ": " + e.message())
              .collect(Collectors.joining("; ")));
    }
    RoutedOwner owner;
    try {
      owner = RoutedOwner.parse(routedOwner);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    return new ControllerOptions(
        settings.value().get(),
        new ControllerOptions.Ovn(
            nbAddress,
            sbAddress,
            Optional.ofNullable(sslKey),
            Optional.ofNullable(sslCert),
            Optional.ofNullable(sslCa)),
        Optional.ofNullable(kubeconfig).filter(p -> !p.toString().isEmpty()),
        new ControllerOptions.Election(leaderElect, leaseNamespace, "ovn-eip-controller", identity),
        resyncPeriod,
        owner,
        gatewayLagThreshold);
  }
}

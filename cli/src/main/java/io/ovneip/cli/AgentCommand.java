package io.ovneip.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ovneip.agent.Agent;
import io.ovneip.agent.AgentOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ovn-eip agent}: Kubernetes -> the node's Open_vSwitch DB, until SIGTERM. */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description =
        "On gateway nodes (label ovn-eip.io/gateway=true), bridges the gateway NIC into"
            + " br-<net> and maps <net>:br-<net> in ovn-bridge-mappings; elsewhere removes them.")
public final class AgentCommand implements Callable<Integer> {

  @Option(
      names = "--node-name",
      required = true,
      defaultValue = "${env:NODE_NAME}",
      description = "This node's name (env NODE_NAME).")
  String nodeName;

  @Option(
      names = "--ovs-db",
      defaultValue = "${env:OVS_DB:-" + AgentOptions.DEFAULT_OVS_DB + "}",
      description = "The local Open_vSwitch database (default: ${DEFAULT-VALUE}).")
  String ovsDb;

  @Option(
      names = "--external-gateway-config-ns",
      defaultValue = "${env:EXTERNAL_GATEWAY_CONFIG_NS:-kube-system}",
      description =
          "Namespace of the ConfigMap ovn-external-gw-config (default: ${DEFAULT-VALUE}).")
  String configNamespace;

  @Option(
      names = "--external-gateway-net",
      defaultValue = "${env:EXTERNAL_GATEWAY_NET:-external}",
      description = "Bridge br-<net> and mapping <net>:br-<net> (default: ${DEFAULT-VALUE}).")
  String externalNet;

  @Option(
      names = "--bridge-datapath-type",
      description = "datapath_type of the bridge, e.g. netdev (default: OVS's own default).")
  String datapathType;

  @Option(
      names = "--kubeconfig",
      defaultValue = "${env:KUBECONFIG}",
      description = "kubeconfig file; in-cluster configuration when absent (env KUBECONFIG).")
  Path kubeconfig;

  @Option(
      names = "--gateway-removal-delay",
      defaultValue = "${env:GATEWAY_REMOVAL_DELAY:-PT10S}",
      description =
          "How long the gateway label must stay away before br-<net> is removed, ISO-8601; a"
              + " label that comes back sooner cancels the removal (default: ${DEFAULT-VALUE}).")
  Duration removalDelay;

  @Option(
      names = "--metrics-addr",
      description = "host:port for /metrics, /healthz and /readyz (off when absent).")
  String metricsAddress;

  @Override
  public Integer call() throws Exception {
    AgentOptions options = options();
    try (KubernetesClient client = KubeConfigs.client(options.kubeconfig());
        Agent agent = Agent.start(options, client);
        AutoCloseable metrics =
            ObservabilityServer.startIfAsked(
                metricsAddress,
                AgentMetrics.registry(agent::status),
                () -> true,
                () -> agent.status().lastOutcome().isPresent())) {
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "shutdown"));
      stop.await();
    }
    return 0;
  }

  AgentOptions options() {
    AgentOptions o =
        AgentOptions.defaults(nodeName)
            .withOvsDb(ovsDb)
            .withConfigNamespace(configNamespace)
            .withExternalNet(externalNet)
            .withRemovalDelay(removalDelay);
    if (datapathType != null) {
      o = o.withBridgeDatapathType(datapathType);
    }
    if (kubeconfig != null && !kubeconfig.toString().isEmpty()) {
      o = o.withKubeconfig(kubeconfig);
    }
    return o;
  }
}

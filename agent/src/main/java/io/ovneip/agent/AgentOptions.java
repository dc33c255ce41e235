package io.ovneip.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The agent's configuration (docs/behaviour.md §2.2), already parsed by the CLI.
 *
 * @param nodeName this node ({@code --node-name}, env {@code NODE_NAME})
 * @param ovsDb the local Open_vSwitch DB ({@code --ovs-db})
 * @param configNamespace namespace of ConfigMap {@code ovn-external-gw-config} ({@code
 *     --external-gateway-config-ns})
 * @param externalNet {@code --external-gateway-net}: bridge {@code br-<net>}, mapping {@code
 *     <net>:br-<net>}
 * @param bridgeDatapathType {@code --bridge-datapath-type}; empty: the host's {@code
 *     ovn-bridge-datapath-type} if set, else OVS's default
 * @param kubeconfig a kubeconfig file; empty: in-cluster or {@code ~/.kube/config}
 * @param resync how often to reconcile when nothing signals
 * @param nicRetry how soon to look again for a NIC that is not on the host yet
 * @param maxBackoff the longest wait between retries after failures
 * @param removalDelay how long the gateway label must stay away before the bridge is removed
 *     ({@code --gateway-removal-delay}): a label flipped for a moment must not cut the gateway
 */
public record AgentOptions(
    String nodeName,
    String ovsDb,
    String configNamespace,
    String externalNet,
    Optional<String> bridgeDatapathType,
    Optional<Path> kubeconfig,
    Duration resync,
    Duration nicRetry,
    Duration maxBackoff,
    Duration removalDelay) {

  public static final Duration DEFAULT_REMOVAL_DELAY = Duration.ofSeconds(10);

  public static final String DEFAULT_OVS_DB = "unix:/var/run/openvswitch/db.sock";
  public static final String DEFAULT_CONFIG_NAMESPACE = "kube-system";
  public static final String DEFAULT_EXTERNAL_NET = "external";

  public AgentOptions {
    Objects.requireNonNull(nodeName, "nodeName");
    if (nodeName.isBlank()) {
      throw new IllegalArgumentException("node name is required (--node-name or NODE_NAME)");
    }
    Objects.requireNonNull(ovsDb, "ovsDb");
    Objects.requireNonNull(configNamespace, "configNamespace");
    Objects.requireNonNull(externalNet, "externalNet");
    bridgeDatapathType = bridgeDatapathType.filter(t -> !t.isBlank());
    Objects.requireNonNull(kubeconfig, "kubeconfig");
    requirePositive(resync, "resync");
    requirePositive(nicRetry, "nicRetry");
    requirePositive(maxBackoff, "maxBackoff");
    Objects.requireNonNull(removalDelay, "removalDelay");
    if (removalDelay.isNegative()) {
      throw new IllegalArgumentException("removalDelay must not be negative: " + removalDelay);
    }
  }

  /** Every default of docs/behaviour.md §2.2 for {@code nodeName}. */
  public static AgentOptions defaults(String nodeName) {
    return new AgentOptions(
        nodeName,
        DEFAULT_OVS_DB,
        DEFAULT_CONFIG_NAMESPACE,
        DEFAULT_EXTERNAL_NET,
        Optional.empty(),
        Optional.empty(),
        Duration.ofMinutes(5),
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        DEFAULT_REMOVAL_DELAY);
  }

  public AgentOptions withOvsDb(String remote) {
    return new AgentOptions(
        nodeName,
        remote,
        configNamespace,
        externalNet,
        bridgeDatapathType,
        kubeconfig,
        resync,
        nicRetry,
        maxBackoff,
        removalDelay);
  }

  public AgentOptions withConfigNamespace(String ns) {
    return new AgentOptions(
        nodeName,
        ovsDb,
        ns,
        externalNet,
        bridgeDatapathType,
        kubeconfig,
        resync,
        nicRetry,
        maxBackoff,
        removalDelay);
  }

  public AgentOptions withExternalNet(String net) {
    return new AgentOptions(
        nodeName,
        ovsDb,
        configNamespace,
        net,
        bridgeDatapathType,
        kubeconfig,
        resync,
        nicRetry,
        maxBackoff,
        removalDelay);
  }

  public AgentOptions withBridgeDatapathType(String type) {
    return new AgentOptions(
        nodeName,
        ovsDb,
        configNamespace,
        externalNet,
        Optional.ofNullable(type),
        kubeconfig,
        resync,
        nicRetry,
        maxBackoff,
        removalDelay);
  }

  public AgentOptions withKubeconfig(Path file) {
    return new AgentOptions(
        nodeName,
        ovsDb,
        configNamespace,
        externalNet,
        bridgeDatapathType,
        Optional.ofNullable(file),
        resync,
        nicRetry,
        maxBackoff,
        removalDelay);
  }

  public AgentOptions withTimings(Duration resync, Duration nicRetry, Duration maxBackoff) {
    return new AgentOptions(
        nodeName,
        ovsDb,
        configNamespace,
        externalNet,
        bridgeDatapathType,
        kubeconfig,
        resync,
        nicRetry,
        maxBackoff,
        removalDelay);
  }

  public AgentOptions withRemovalDelay(Duration delay) {
    return new AgentOptions(
        nodeName,
        ovsDb,
        configNamespace,
        externalNet,
        bridgeDatapathType,
        kubeconfig,
        resync,
        nicRetry,
        maxBackoff,
        delay);
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }
}

package io.ovneip.sandbox.fault;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What kube-ovn-controller does to ovn-eip's rows when it becomes leader (kube-ovn-coexistence.md
 * sections 2 and 5): {@code gcRoutePolicy} deletes every priority-29250 policy of {@code
 * ovn-cluster} whose match is {@code <lhs> == <rhs>} (one {@code ==}) unless {@code <rhs>} is an IP
 * of a pod with {@code ovn.kubernetes.io/north_gateway}, whatever its {@code external_ids}; and the
 * router's whole {@code options} map is replaced with Kube-OVN's own.
 */
final class KubeOvnRestart implements Fault {
  static final String ROUTER = "ovn-cluster";
  static final long SWEPT_PRIORITY = 29250;
  private static final String NORTH_GATEWAY = "ovn.kubernetes.io/north_gateway";
  private static final String IP_ADDRESS = "ovn.kubernetes.io/ip_address";

  @Override
  public String name() {
    return "kube-ovn-restart";
  }

  @Override
  public String usage() {
    return "";
  }

  @Override
  public String summary() {
    return "kube-ovn-controller's leader start: delete every 29250 reroute policy of ovn-cluster"
        + " whose match has one '==' (gcRoutePolicy), rewrite the router's options";
  }

  @Override
  public List<String> inject(FaultTarget target, List<String> args) {
    if (!args.isEmpty()) {
      throw new IllegalArgumentException(name() + " takes no arguments, got " + args);
    }
    List<String> did = new ArrayList<>();
    Set<String> spared = northGatewayIps(target);
    Set<String> routerPolicies =
        NbTable.list(target, "Logical_Router", "name", "policies").stream()
            .filter(r -> ROUTER.equals(r.get("name")))
            .flatMap(r -> Arrays.stream(r.get("policies").split(" ")))
            .collect(java.util.stream.Collectors.toSet());
    for (Map<String, String> p :
        NbTable.list(target, "Logical_Router_Policy", "_uuid", "priority", "match")) {
      String uuid = p.get("_uuid");
      if (!routerPolicies.contains(uuid)
          || Long.parseLong(p.get("priority")) != SWEPT_PRIORITY
          || !swept(p.get("match"), spared)) {
        continue;
      }
      target.nbctl("lr-policy-del", ROUTER, uuid);
      did.add("deleted policy " + SWEPT_PRIORITY + " '" + p.get("match") + "' (" + uuid + ")");
    }
    // createVpcRouter replaces the whole map on every Vpc reconcile (vpc.go:1283).
    target.nbctl(
        "set",
        "Logical_Router",
        ROUTER,
        "options={mac_binding_age_threshold=\"300\",dynamic_neigh_routers=\"true\","
            + "always_learn_from_arp_request=\"false\"}");
    did.add("replaced the options of " + ROUTER + " with Kube-OVN's");
    if (did.size() == 1) {
      did.add(0, "no 29250 policy to delete");
    }
    return did;
  }

  /** gcRoutePolicy's test: exactly one {@code ==}, and its right side no north-gateway pod IP. */
  static boolean swept(String match, Set<String> northGatewayIps) {
    String[] sides = match.split("==", -1);
    return sides.length == 2 && !northGatewayIps.contains(sides[1].strip());
  }

  private static Set<String> northGatewayIps(FaultTarget target) {
    Set<String> ips = new HashSet<>();
    try (KubernetesClient client = client(target)) {
      for (Pod pod : client.pods().inAnyNamespace().list().getItems()) {
        Map<String, String> a = pod.getMetadata().getAnnotations();
        if (a != null && a.containsKey(NORTH_GATEWAY) && a.get(IP_ADDRESS) != null) {
          Arrays.stream(a.get(IP_ADDRESS).split(",")).map(String::strip).forEach(ips::add);
        }
      }
    }
    return ips;
  }

  static KubernetesClient client(FaultTarget target) {
    try {
      Config config = Config.fromKubeconfig(Files.readString(target.kubeconfig()));
      config.setRequestTimeout(10_000);
      config.setConnectionTimeout(5_000);
      return new KubernetesClientBuilder().withConfig(config).build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + target.kubeconfig(), e);
    }
  }
}

package io.ovneip.testkit;

import java.util.List;

/**
 * What Kube-OVN's CNI has created in NB before any pod, in its default VPC: the router {@code
 * ovn-cluster}, the pod switch {@code ovn-default} (10.16.0.0/16) joined to it by a router port,
 * and the 31000 "destination inside the cluster: allow" policy. The controller's tests, the
 * end-to-end tests and the benchmark start from it. (The sandbox's CNI stand-in writes the same
 * rows idempotently and marked as Kube-OVN's own, as the real CNI does.)
 */
public final class KubeOvnBaseTopology {
  private KubeOvnBaseTopology() {}

  public static final String ROUTER = "ovn-cluster";
  public static final String SWITCH = "ovn-default";
  public static final String SUBNET = "10.16.0.0/16";

  /** The IPv6 half of Kube-OVN's default subnet in a dual-stack install. */
  public static final String SUBNET6 = "fd00:10:16::/64";

  /** The arguments of ONE {@code ovn-nbctl} invocation (after its connection options). */
  public static List<String> nbctlArgs() {
    return nbctlArgs(false);
  }

  /**
   * Like {@link #nbctlArgs()}; {@code dualStack} gives the switch and the router port the IPv6 half
   * too ({@code fd00:10:16::/64}, router port {@code fd00:10:16::1/64}) and adds the 31000
   * "destination inside the cluster: allow" policy for {@code ip6.dst}, as Kube-OVN's dual-stack
   * install does.
   */
  public static List<String> nbctlArgs(boolean dualStack) {
    List<String> args = new java.util.ArrayList<>(base());
    if (dualStack) {
      args.addAll(
          List.of(
              "--",
              "set",
              "Logical_Switch",
              SWITCH,
              "other_config:ipv6_prefix=fd00:10:16::",
              "--",
              "add",
              "Logical_Router_Port",
              ROUTER + "-" + SWITCH,
              "networks",
              "\"fd00:10:16::1/64\"",
              "--",
              "lr-policy-add",
              ROUTER,
              "31000",
              "ip6.dst == " + SUBNET6,
              "allow"));
    }
    return args;
  }

  private static List<String> base() {
    String routerPort = ROUTER + "-" + SWITCH;
    String switchPort = SWITCH + "-" + ROUTER;
    return List.of(
        "lr-add",
        ROUTER,
        "--",
        "ls-add",
        SWITCH,
        "--",
        "set",
        "Logical_Switch",
        SWITCH,
        "other_config:subnet=" + SUBNET,
        "--",
        "lrp-add",
        ROUTER,
        routerPort,
        "00:00:00:aa:00:01",
        "10.16.0.1/16",
        "--",
        "lsp-add",
        SWITCH,
        switchPort,
        "--",
        "lsp-set-type",
        switchPort,
        "router",
        "--",
        "lsp-set-addresses",
        switchPort,
        "router",
        "--",
        "lsp-set-options",
        switchPort,
        "router-port=" + routerPort,
        "--",
        "lr-policy-add",
        ROUTER,
        "31000",
        "ip4.dst == " + SUBNET,
        "allow");
  }

  /**
   * The arguments of ONE {@code ovn-nbctl} invocation that adds a pod's port as Kube-OVN's CNI
   * does: {@code <pod>.<namespace>} on {@link #SWITCH}, {@code addresses="MAC IP [IP]"} and {@code
   * external_ids:pod=<namespace>/<pod>}. The controller trusts a pod's IP only through this port
   * (docs/behaviour.md §2.3). {@code ips} is the pod's {@code ip_address} annotation (comma list).
   */
  public static List<String> podPortArgs(String namespace, String pod, String mac, String ips) {
    String port = pod + "." + namespace;
    return List.of(
        "--may-exist",
        "lsp-add",
        SWITCH,
        port,
        "--",
        "lsp-set-addresses",
        port,
        mac + " " + ips.replace(',', ' '),
        "--",
        "set",
        "Logical_Switch_Port",
        port,
        "external_ids:pod=" + namespace + "/" + pod,
        "external_ids:vendor=kube-ovn");
  }
}

package io.ovneip.kubeapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The resource types the embedded API serves. A request for anything else is answered 404 rather
 * than handed to the mock, which would answer any unknown path with every stored object (trap 4).
 */
final class KubeResources {

  private static final List<String> STATUS = List.of("status");
  private static final List<String> NONE = List.of();

  private final List<KubeResource> all;

  KubeResources(List<KubeResource> all) {
    this.all = List.copyOf(all);
  }

  /**
   * The core kinds kubectl and the controller use, leases for leader election, and the workload,
   * RBAC, network policy and admission policy kinds of the project's own manifests ({@code
   * deploy/}), so they can be applied here.
   */
  static KubeResources defaults() {
    return new KubeResources(
        List.of(
            core("namespaces", "namespace", "Namespace", false, List.of("ns"), STATUS),
            core("nodes", "node", "Node", false, List.of("no"), STATUS),
            core("pods", "pod", "Pod", true, List.of("po"), STATUS),
            core("configmaps", "configmap", "ConfigMap", true, List.of("cm"), NONE),
            core("events", "event", "Event", true, List.of("ev"), NONE),
            core("services", "service", "Service", true, List.of("svc"), STATUS),
            core("secrets", "secret", "Secret", true, NONE, NONE),
            core("serviceaccounts", "serviceaccount", "ServiceAccount", true, List.of("sa"), NONE),
            new KubeResource(
                "coordination.k8s.io", "v1", "leases", "lease", "Lease", true, NONE, NONE),
            new KubeResource(
                "apps",
                "v1",
                "deployments",
                "deployment",
                "Deployment",
                true,
                List.of("deploy"),
                STATUS),
            new KubeResource(
                "apps", "v1", "daemonsets", "daemonset", "DaemonSet", true, List.of("ds"), STATUS),
            rbac("clusterroles", "clusterrole", "ClusterRole", false),
            rbac("clusterrolebindings", "clusterrolebinding", "ClusterRoleBinding", false),
            rbac("roles", "role", "Role", true),
            rbac("rolebindings", "rolebinding", "RoleBinding", true),
            new KubeResource(
                "networking.k8s.io",
                "v1",
                "networkpolicies",
                "networkpolicy",
                "NetworkPolicy",
                true,
                List.of("netpol"),
                NONE),
            admission(
                "validatingadmissionpolicies",
                "validatingadmissionpolicy",
                "ValidatingAdmissionPolicy",
                STATUS),
            admission(
                "validatingadmissionpolicybindings",
                "validatingadmissionpolicybinding",
                "ValidatingAdmissionPolicyBinding",
                NONE)));
  }

  /**
   * The defaults and Kube-OVN's cluster-scoped custom resources that ovn-eip reads (its presence,
   * and the preflight checks of docs/behaviour.md §8).
   */
  static KubeResources withKubeOvn() {
    List<KubeResource> all = new java.util.ArrayList<>(defaults().all());
    all.add(kubeOvn("vpcs", "vpc", "Vpc", List.of()));
    all.add(kubeOvn("subnets", "subnet", "Subnet", List.of()));
    all.add(kubeOvn("provider-networks", "provider-network", "ProviderNetwork", List.of("pn")));
    return new KubeResources(all);
  }

  private static KubeResource kubeOvn(
      String plural, String singular, String kind, List<String> shortNames) {
    return new KubeResource("kubeovn.io", "v1", plural, singular, kind, false, shortNames, STATUS);
  }

  /** Stored and served, not enforced: the embedded API runs no admission. */
  private static KubeResource admission(
      String plural, String singular, String kind, List<String> subresources) {
    return new KubeResource(
        "admissionregistration.k8s.io", "v1", plural, singular, kind, false, NONE, subresources);
  }

  private static KubeResource rbac(
      String plural, String singular, String kind, boolean namespaced) {
    return new KubeResource(
        "rbac.authorization.k8s.io", "v1", plural, singular, kind, namespaced, NONE, NONE);
  }

  private static KubeResource core(
      String plural,
      String singular,
      String kind,
      boolean namespaced,
      List<String> shortNames,
      List<String> subresources) {
    return new KubeResource("", "v1", plural, singular, kind, namespaced, shortNames, subresources);
  }

  List<KubeResource> all() {
    return all;
  }

  Optional<KubeResource> find(String group, String version, String plural) {
    return all.stream()
        .filter(
            r ->
                r.group().equals(group) && r.version().equals(version) && r.plural().equals(plural))
        .findFirst();
  }

  /** The resources of each group version, in declaration order, keyed by the URL prefix. */
  Map<String, List<KubeResource>> byGroupVersionPath() {
    return all.stream()
        .collect(
            Collectors.groupingBy(
                KubeResource::groupVersionPath, LinkedHashMap::new, Collectors.toList()));
  }
}

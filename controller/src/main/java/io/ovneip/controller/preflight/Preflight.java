package io.ovneip.controller.preflight;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.ovneip.model.input.Annotations;
import io.ovneip.model.input.GatewayConfigParser;
import io.ovneip.model.input.GatewaySettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The checks of docs/behaviour.md §8, on what the API shows: kube-ovn-controller's and
 * kube-ovn-cni's flags (from their Deployment and DaemonSet), the Vpc {@code ovn-cluster}, Subnets
 * and ProviderNetworks named like our switch or network, pods with both {@code north_gateway} and
 * {@code eip}/{@code snat}, and leftover {@code ovn.kubernetes.io/external-gw} labels. Each warning
 * says what to change, with the command. Read only.
 */
public final class Preflight {
  static final String KUBE_OVN_NS = "kube-system";
  static final String CONTROLLER = "kube-ovn-controller";
  static final String CNI = "kube-ovn-cni";
  private static final int MAX_LISTED = 5;
  private static final String NOT_SERVED = "the API serves no kubeovn.io/v1 (no Kube-OVN CRDs)";

  private final KubernetesClient client;
  private final GatewaySettings settings;

  public Preflight(KubernetesClient client, GatewaySettings settings) {
    this.client = client;
    this.settings = settings;
  }

  /** Every check, in a stable order. */
  public List<Finding> run() {
    List<Finding> out = new ArrayList<>();
    out.addAll(guard("kube-ovn-controller", this::controllerFlags));
    out.addAll(guard("kube-ovn-cni", this::cniFlags));
    out.addAll(guard("vpc ovn-cluster", this::vpc));
    out.addAll(guard("subnets/provider-networks", this::namesTaken));
    out.addAll(guard("north_gateway pods", this::northGatewayPods));
    out.addAll(guard("external-gw labels", this::legacyLabels));
    return out;
  }

  /** True when no finding is a warning. */
  public static boolean clean(List<Finding> findings) {
    return findings.stream().noneMatch(f -> f.status() == Finding.Status.WARN);
  }

  private List<Finding> controllerFlags() {
    Deployment d = client.apps().deployments().inNamespace(KUBE_OVN_NS).withName(CONTROLLER).get();
    if (d == null) {
      return List.of(
          Finding.notChecked(
              "kube-ovn-controller", "no Deployment " + KUBE_OVN_NS + "/" + CONTROLLER));
    }
    Map<String, String> flags = flags(d.getSpec().getTemplate().getSpec(), CONTROLLER);
    List<Finding> out = new ArrayList<>();
    String ees = flags.getOrDefault("--enable-eip-snat", "true");
    out.add(
        "false".equals(ees)
            ? Finding.ok("kube-ovn-controller --enable-eip-snat", "false")
            : Finding.warn(
                "kube-ovn-controller --enable-eip-snat",
                ees + ": kube-ovn-controller writes the same NAT rows, policies and gateway",
                addArg("deployment", CONTROLLER, "--enable-eip-snat=false")));
    String sw = flags.getOrDefault("--external-gateway-switch", "external");
    out.add(
        sw.equals(settings.switchName())
            ? Finding.ok("kube-ovn-controller --external-gateway-switch", sw)
            : Finding.warn(
                "kube-ovn-controller --external-gateway-switch",
                sw
                    + ": its garbage collection deletes every switch but this one, so it must"
                    + " name ours ("
                    + settings.switchName()
                    + ")",
                addArg(
                    "deployment",
                    CONTROLLER,
                    "--external-gateway-switch=" + settings.switchName())));
    return out;
  }

  private List<Finding> cniFlags() {
    DaemonSet ds = client.apps().daemonSets().inNamespace(KUBE_OVN_NS).withName(CNI).get();
    if (ds == null) {
      return List.of(Finding.notChecked("kube-ovn-cni", "no DaemonSet " + KUBE_OVN_NS + "/" + CNI));
    }
    Map<String, String> flags = flags(ds.getSpec().getTemplate().getSpec(), "cni-server");
    List<Finding> out = new ArrayList<>();
    String ns = flags.getOrDefault("--external-gateway-config-ns", "kube-system");
    boolean holdsConfigMap = ns.equals(settings.configNamespace()) || configMapIn(ns).isPresent();
    out.add(
        holdsConfigMap
            ? Finding.warn(
                "kube-ovn-cni --external-gateway-config-ns",
                ns
                    + " holds (or is where ovn-eip reads) "
                    + GatewayConfigParser.CONFIG_MAP_NAME
                    + ": a node labelled ovn.kubernetes.io/external-gw=true takes the NIC away",
                addArg("daemonset", CNI, "--external-gateway-config-ns=ovn-eip-none"))
            : Finding.ok("kube-ovn-cni --external-gateway-config-ns", ns));
    String sw = flags.getOrDefault("--external-gateway-switch", "external");
    out.add(
        sw.equals(settings.switchName())
            ? Finding.warn(
                "kube-ovn-cni --external-gateway-switch",
                sw + ": every node without Kube-OVN's label deletes br-" + sw + " every 3 s",
                addArg("daemonset", CNI, "--external-gateway-switch=ovn-eip-unused"))
            : Finding.ok("kube-ovn-cni --external-gateway-switch", sw));
    return out;
  }

  private List<Finding> vpc() {
    if (!kubeOvnServed()) {
      return List.of(Finding.notChecked("vpc " + settings.routerName(), NOT_SERVED));
    }
    Optional<GenericKubernetesResource> vpc =
        Optional.ofNullable(
            client
                .genericKubernetesResources(kubeOvn("vpcs", "Vpc"))
                .withName(settings.routerName())
                .get());
    if (vpc.isEmpty()) {
      return List.of(Finding.notChecked("vpc " + settings.routerName(), "no such Vpc"));
    }
    Object spec = field(vpc.get(), "spec", "enableExternal");
    Object status = field(vpc.get(), "status", "enableExternal");
    boolean off = !Boolean.TRUE.equals(spec) && !Boolean.TRUE.equals(status);
    return List.of(
        off
            ? Finding.ok("vpc " + settings.routerName(), "enableExternal false in spec and status")
            : Finding.warn(
                "vpc " + settings.routerName(),
                "enableExternal spec="
                    + spec
                    + " status="
                    + status
                    + ": Kube-OVN deletes "
                    + settings.switchRouterPortName()
                    + " and "
                    + settings.routerPortName()
                    + "; patch spec, wait for status false, then start ovn-eip",
                "kubectl patch vpc "
                    + settings.routerName()
                    + " --type=merge -p '{\"spec\":{\"enableExternal\":false}}'"));
  }

  private List<Finding> namesTaken() {
    if (!kubeOvnServed()) {
      return List.of(Finding.notChecked("subnets/provider-networks", NOT_SERVED));
    }
    List<Finding> out = new ArrayList<>();
    for (String kind : List.of("Subnet", "ProviderNetwork")) {
      String plural = kind.equals("Subnet") ? "subnets" : "provider-networks";
      for (String name :
          List.of(settings.switchName(), settings.externalNet()).stream().distinct().toList()) {
        GenericKubernetesResource r;
        try {
          r = client.genericKubernetesResources(kubeOvn(plural, kind)).withName(name).get();
        } catch (KubernetesClientException e) {
          out.add(notChecked(kind.toLowerCase() + " " + name, e));
          continue;
        }
        if (r != null) {
          out.add(
              Finding.warn(
                  kind.toLowerCase() + " " + name,
                  "a Kube-OVN "
                      + kind
                      + " named like ovn-eip's switch or network: Kube-OVN then"
                      + " manages (or deletes) it",
                  "kubectl delete "
                      + plural
                      + " "
                      + name
                      + " (or rename ovn-eip's with its flags)"));
        }
      }
    }
    if (out.isEmpty()) {
      out.add(
          Finding.ok(
              "subnets/provider-networks",
              "none named " + settings.switchName() + " or " + settings.externalNet()));
    }
    return out;
  }

  private List<Finding> northGatewayPods() {
    List<String> both = new ArrayList<>();
    for (Pod p : client.pods().inAnyNamespace().list().getItems()) {
      Map<String, String> a = p.getMetadata().getAnnotations();
      if (a != null
          && a.containsKey(Annotations.NORTH_GATEWAY)
          && (a.containsKey(Annotations.EIP) || a.containsKey(Annotations.SNAT))) {
        both.add(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName());
      }
    }
    if (both.isEmpty()) {
      return List.of(Finding.ok("north_gateway pods", "no pod has north_gateway and eip/snat"));
    }
    return List.of(
        Finding.warn(
            "north_gateway pods",
            both.size()
                + " pod(s) with both north_gateway and eip/snat: "
                + listed(both)
                + "; Kube-OVN rewrites or deletes their policies",
            "kubectl annotate pod -n NS POD " + Annotations.NORTH_GATEWAY + "-"));
  }

  private List<Finding> legacyLabels() {
    List<String> labelled = new ArrayList<>();
    for (Node n : client.nodes().list().getItems()) {
      Map<String, String> l = n.getMetadata().getLabels();
      if (l != null && l.containsKey(Annotations.LEGACY_EXTERNAL_GW_LABEL)) {
        labelled.add(n.getMetadata().getName());
      }
    }
    if (labelled.isEmpty()) {
      return List.of(
          Finding.ok(
              "external-gw labels", "no node carries " + Annotations.LEGACY_EXTERNAL_GW_LABEL));
    }
    return List.of(
        Finding.warn(
            "external-gw labels",
            "node(s) "
                + listed(labelled)
                + " carry "
                + Annotations.LEGACY_EXTERNAL_GW_LABEL
                + ", kube-ovn-cni's gateway trigger (ovn-eip uses "
                + Annotations.GATEWAY_LABEL
                + "; the controller removes them once at start)",
            "kubectl label node --all " + Annotations.LEGACY_EXTERNAL_GW_LABEL + "-"));
  }

  private boolean kubeOvnServed() {
    return client.getApiResources("kubeovn.io/v1") != null;
  }

  /** The ConfigMap in {@code namespace}; empty also when we may not read there. */
  private Optional<ConfigMap> configMapIn(String namespace) {
    try {
      return Optional.ofNullable(
          client
              .configMaps()
              .inNamespace(namespace)
              .withName(GatewayConfigParser.CONFIG_MAP_NAME)
              .get());
    } catch (KubernetesClientException e) {
      return Optional.empty();
    }
  }

  /** {@code --name=value} and {@code --name value} of the named container's command and args. */
  static Map<String, String> flags(PodSpec spec, String container) {
    Map<String, String> out = new java.util.HashMap<>();
    List<Container> containers = spec == null ? List.of() : spec.getContainers();
    for (Container c : containers) {
      if (!container.equals(c.getName()) && containers.size() > 1) {
        continue;
      }
      List<String> words = new ArrayList<>();
      if (c.getCommand() != null) {
        words.addAll(c.getCommand());
      }
      if (c.getArgs() != null) {
        words.addAll(c.getArgs());
      }
      for (int i = 0; i < words.size(); i++) {
        String w = words.get(i);
        if (!w.startsWith("--")) {
          continue;
        }
        int eq = w.indexOf('=');
        if (eq > 0) {
          out.put(w.substring(0, eq), w.substring(eq + 1));
        } else if (i + 1 < words.size() && !words.get(i + 1).startsWith("--")) {
          out.put(w, words.get(++i));
        } else {
          out.put(w, "true");
        }
      }
    }
    return out;
  }

  private static String addArg(String kind, String name, String arg) {
    return "kubectl -n "
        + KUBE_OVN_NS
        + " patch "
        + kind
        + " "
        + name
        + " --type=json -p '[{\"op\":\"add\",\"path\":\"/spec/template/spec/containers/0/args/-\","
        + "\"value\":\""
        + arg
        + "\"}]' (replace the flag if it is already there)";
  }

  private static Object field(GenericKubernetesResource r, String section, String key) {
    Object s = r.getAdditionalProperties().get(section);
    return s instanceof Map<?, ?> m ? m.get(key) : null;
  }

  private static String listed(List<String> names) {
    return names.size() <= MAX_LISTED
        ? String.join(", ", names)
        : String.join(", ", names.subList(0, MAX_LISTED)) + ", ...";
  }

  static ResourceDefinitionContext kubeOvn(String plural, String kind) {
    return new ResourceDefinitionContext.Builder()
        .withGroup("kubeovn.io")
        .withVersion("v1")
        .withPlural(plural)
        .withKind(kind)
        .withNamespaced(false)
        .build();
  }

  /** Runs one check; no permission or no such resource type is "not checked", not a failure. */
  private static List<Finding> guard(String check, Supplier<List<Finding>> run) {
    try {
      return run.get();
    } catch (KubernetesClientException e) {
      return List.of(notChecked(check, e));
    }
  }

  private static Finding notChecked(String check, KubernetesClientException e) {
    String why =
        switch (e.getCode()) {
          case 401, 403 -> "no permission to read it";
          case 404 -> "the resource type is not served (no Kube-OVN CRD)";
          default -> "the API did not answer (" + e.getCode() + ")";
        };
    return Finding.notChecked(check, why);
  }
}

package io.ovneip.e2e;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;

/** The Kubernetes objects of the seed, written as the CNI, kubectl and an operator would. */
final class Kube {
  static final String NS = "default";
  static final String EIP = "ovn.kubernetes.io/eip";
  static final String SNAT = "ovn.kubernetes.io/snat";
  static final String ROUTED = "ovn.kubernetes.io/routed";
  static final String APPLIED = "ovn-eip.io/applied";

  private final KubernetesClient client;

  Kube(KubernetesClient client) {
    this.client = client;
  }

  void node(String name, String chassis) {
    var node =
        new NodeBuilder()
            .withNewMetadata()
            .withName(name)
            .addToAnnotations("ovn.kubernetes.io/chassis", chassis)
            .endMetadata()
            .build();
    client.nodes().resource(node).create();
  }

  /** {@code kubectl cordon NODE} ({@code true}) or {@code kubectl uncordon NODE}. */
  void cordon(String node, boolean unschedulable) {
    client
        .nodes()
        .withName(node)
        .edit(
            n ->
                new NodeBuilder(n)
                    .editOrNewSpec()
                    .withUnschedulable(unschedulable ? Boolean.TRUE : null)
                    .endSpec()
                    .build());
  }

  void configMap(Map<String, String> data) {
    var cm =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("ovn-external-gw-config")
            .withNamespace("kube-system")
            .endMetadata()
            .withData(data)
            .build();
    client.configMaps().inNamespace("kube-system").resource(cm).createOr(c -> c.update());
  }

  /** A pod as the CNI leaves it: scheduled on {@code node}, allocated, IP and MAC annotated. */
  void pod(String name, String node, String ip, String mac, Map<String, String> annotations) {
    var pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(NS)
            .addToAnnotations("ovn.kubernetes.io/allocated", "true")
            .addToAnnotations("ovn.kubernetes.io/ip_address", ip)
            .addToAnnotations("ovn.kubernetes.io/mac_address", mac)
            .addToAnnotations("ovn.kubernetes.io/logical_switch", "ovn-default")
            .addToAnnotations(annotations)
            .endMetadata()
            .withNewSpec()
            .withNodeName(node)
            .addNewContainer()
            .withName("c")
            .withImage("nginx")
            .endContainer()
            .endSpec()
            .build();
    client.pods().inNamespace(NS).resource(pod).create();
  }

  void deletePod(String name) {
    client.pods().inNamespace(NS).withName(name).delete();
  }

  boolean podGone(String name) {
    return client.pods().inNamespace(NS).withName(name).get() == null;
  }

  /** {@code kubectl annotate pod NAME key=value --overwrite}. */
  void annotate(String pod, String key, String value) {
    client
        .pods()
        .inNamespace(NS)
        .withName(pod)
        .patch(
            PatchContext.of(PatchType.JSON),
            "[{\"op\":\"add\",\"path\":\"" + path(key) + "\",\"value\":\"" + value + "\"}]");
  }

  /** {@code kubectl annotate pod NAME key-}. */
  void removeAnnotation(String pod, String key) {
    Pod p = client.pods().inNamespace(NS).withName(pod).get();
    if (p.getMetadata().getAnnotations().containsKey(key)) {
      client
          .pods()
          .inNamespace(NS)
          .withName(pod)
          .patch(
              PatchContext.of(PatchType.JSON),
              "[{\"op\":\"remove\",\"path\":\"" + path(key) + "\"}]");
    }
  }

  boolean routed(String pod) {
    Pod p = client.pods().inNamespace(NS).withName(pod).get();
    return p != null
        && p.getMetadata().getAnnotations() != null
        && "true".equals(p.getMetadata().getAnnotations().get(ROUTED));
  }

  /**
   * Whether ovn-eip's annotation {@code ovn-eip.io/applied} names what the pod asks for now (its
   * eip and snat annotations): the rows for exactly these addresses are committed
   * (docs/behaviour.md §5).
   */
  boolean applied(String pod) {
    Pod p = client.pods().inNamespace(NS).withName(pod).get();
    if (p == null || p.getMetadata().getAnnotations() == null) {
      return false;
    }
    Map<String, String> a = p.getMetadata().getAnnotations();
    List<String> asked = new java.util.ArrayList<>();
    if (a.get(EIP) != null) {
      asked.add("eip=" + a.get(EIP));
    }
    if (a.get(SNAT) != null) {
      asked.add("snat=" + a.get(SNAT));
    }
    return !asked.isEmpty() && String.join(" ", asked).equals(a.get(APPLIED));
  }

  /** Whether the pod carries ovn-eip's {@code ovn-eip.io/applied} at all. */
  boolean hasApplied(String pod) {
    Pod p = client.pods().inNamespace(NS).withName(pod).get();
    return p != null
        && p.getMetadata().getAnnotations() != null
        && p.getMetadata().getAnnotations().containsKey(APPLIED);
  }

  List<Event> events(String pod, String reason) {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> pod.equals(e.getInvolvedObject().getName()))
        .filter(e -> reason.equals(e.getReason()))
        .toList();
  }

  private static String path(String key) {
    return "/metadata/annotations/" + key.replace("~", "~0").replace("/", "~1");
  }
}

package io.ovneip.sandbox.chaos;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ovneip.model.input.Annotations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The random Kubernetes changes the chaos run interleaves with faults: pod creations with EIP and
 * SNAT annotations (from a small pool, so that claims conflict), annotation changes and removals,
 * invalid annotations, pod deletions and ConfigMap changes (always valid: an invalid ConfigMap
 * keeps a last good config no fresh read can know). Every change is written to the event log.
 */
final class ChaosEvents {
  static final String NAMESPACE = "default";
  private static final int MAX_PODS = 14;
  private static final String[] NODE_SETS = {"kube-ovn-worker", "kube-ovn-worker,kube-ovn-worker2"};

  private final KubernetesClient client;
  private final Random random;
  private final Consumer<String> log;
  private final List<String> pods = new ArrayList<>();
  private final String prefix;
  private int created;

  /** Pod names carry {@code run} so that runs on one sandbox never collide. */
  ChaosEvents(KubernetesClient client, Random random, String run, Consumer<String> log) {
    this.client = client;
    this.random = random;
    this.prefix = "chaos-" + run + "-";
    this.log = log;
  }

  /** The ConfigMap of the seed's walk-through: enabled, gateway node kube-ovn-worker. */
  void initialConfig() {
    applyConfig(true, NODE_SETS[0]);
  }

  /** {@code n} random changes. */
  void some(int n) {
    for (int i = 0; i < n; i++) {
      one();
    }
  }

  private void one() {
    int roll = random.nextInt(100);
    try {
      if (pods.isEmpty() || (roll < 35 && pods.size() < MAX_PODS)) {
        create();
      } else if (roll < 70) {
        annotate(pick());
      } else if (roll < 90) {
        delete(pick());
      } else {
        applyConfig(random.nextInt(5) != 0, NODE_SETS[random.nextInt(NODE_SETS.length)]);
      }
    } catch (KubernetesClientException e) {
      // A write may race the controller's status writes (409): the change is simply not made.
      log.accept(
          "  (refused: " + e.getCode() + " " + e.getMessage().lines().findFirst().orElse("") + ")");
    }
  }

  private String pick() {
    return pods.get(random.nextInt(pods.size()));
  }

  private void create() {
    String name = prefix + created++;
    Map<String, String> a = new HashMap<>();
    addRandomRequest(a);
    client
        .pods()
        .inNamespace(NAMESPACE)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NAMESPACE)
                .withAnnotations(a)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("c")
                .withImage("docker.io/library/nginx:alpine")
                .endContainer()
                .endSpec()
                .build())
        .create();
    pods.add(name);
    log.accept("create pod " + name + " " + a);
  }

  private void annotate(String name) {
    Map<String, String> a = new HashMap<>();
    addRandomRequest(a);
    Pod after =
        client
            .pods()
            .inNamespace(NAMESPACE)
            .withName(name)
            .edit(
                p -> {
                  Map<String, String> all = new HashMap<>(p.getMetadata().getAnnotations());
                  all.remove(Annotations.EIP);
                  all.remove(Annotations.SNAT);
                  all.putAll(a);
                  p.getMetadata().setAnnotations(all);
                  return p;
                });
    log.accept("annotate pod " + name + " eip/snat now " + a + (after == null ? " (gone)" : ""));
  }

  private void delete(String name) {
    client.pods().inNamespace(NAMESPACE).withName(name).delete();
    pods.remove(name);
    log.accept("delete pod " + name);
  }

  /** EIP, SNAT, both or neither, from 10 addresses (so claims collide), now and then invalid. */
  private void addRandomRequest(Map<String, String> a) {
    int kind = random.nextInt(10);
    if (kind < 4) {
      a.put(Annotations.EIP, address());
    } else if (kind < 7) {
      a.put(Annotations.SNAT, address());
    } else if (kind < 8) {
      a.put(Annotations.EIP, address());
      a.put(Annotations.SNAT, address());
    } else if (kind < 9) {
      a.put(random.nextBoolean() ? Annotations.EIP : Annotations.SNAT, "172.56.0.300");
    }
  }

  private String address() {
    return "172.56.0." + (10 + random.nextInt(10));
  }

  private void applyConfig(boolean enabled, String nodes) {
    Map<String, String> data = new HashMap<>();
    data.put("enable-external-gw", Boolean.toString(enabled));
    data.put("external-gw-nodes", nodes);
    data.put("external-gw-nic", "eth1");
    data.put("external-gw-addr", "172.56.0.1/16");
    data.put("nic-ip", "172.56.0.254/16");
    data.put("nic-mac", "16:52:f3:13:6a:25");
    var configMaps = client.configMaps().inNamespace("kube-system");
    if (configMaps.withName("ovn-external-gw-config").get() == null) {
      configMaps
          .resource(
              new ConfigMapBuilder()
                  .withNewMetadata()
                  .withName("ovn-external-gw-config")
                  .withNamespace("kube-system")
                  .endMetadata()
                  .withData(data)
                  .build())
          .create();
    } else {
      configMaps
          .withName("ovn-external-gw-config")
          .edit(
              c -> {
                c.setData(data);
                return c;
              });
    }
    log.accept("configmap enable-external-gw=" + enabled + " external-gw-nodes=" + nodes);
  }
}

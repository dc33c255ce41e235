package io.ovneip.controller.it;

import static io.ovneip.controller.it.ControllerHarness.SEED_CONFIG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.ovneip.controller.Controller;
import io.ovneip.testkit.KubeOvnBaseTopology;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Bad input, one at a time, against one running controller and a real NB: each yields exactly one
 * bounded Warning Event on the object that carries it, NB does not change, and a good pod created
 * right after is handled normally. Pod-side values (the CNI's IP and MAC annotations) are checked
 * like user input.
 */
class BadValuesIT extends ControllerItBase {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String BIG = "1".repeat(300 * 1024);

  /** A bad pod: its IP, its MAC and its extra annotations. */
  record BadPod(String what, String ip, String mac, Map<String, String> extra) {}

  static List<BadPod> badPods() {
    return List.of(
        eip("eip: whitespace inside", "172.56.0 .50"),
        eip("eip: leading zeros", "172.56.0.050"),
        eip("eip: IPv4-mapped IPv6", "::ffff:172.56.0.50"),
        eip("eip: zone id", "fe80::1%eth0"),
        eip("eip: the network address", "172.56.0.0"),
        eip("eip: the broadcast address", "172.56.255.255"),
        eip("eip: a newline between two addresses", "172.56.0.50\n172.56.0.51"),
        eip("eip: 300 KB", BIG),
        eip("eip: the same family twice (duplicate)", "172.56.0.50,172.56.0.51"),
        eip("eip: nic-ip itself", "172.56.0.254"),
        eip("eip: outside nic-ip", "10.99.0.5"),
        new BadPod(
            "snat: the physical gateway",
            "10.16.1.9",
            "00:00:00:00:01:09",
            Map.of("ovn.kubernetes.io/snat", "172.56.0.1")),
        podIp("pod IP: unspecified", "0.0.0.0"),
        podIp("pod IP: loopback", "127.0.0.1"),
        podIp("pod IP: multicast", "224.0.0.5"),
        podIp("pod IP: broadcast", "255.255.255.255"),
        podIp("pod IP: link-local", "169.254.1.1"),
        podIp("pod IP: inside the nic-ip network", "172.56.0.77"),
        podIp("pod IP: leading zeros", "010.016.001.009"),
        podIp("pod IP: zone id", "fe80::5%eth0"),
        podIp("pod IP: 300 KB", BIG),
        podIp("pod IP: a newline between two addresses", "10.16.1.9\n10.16.1.10"),
        podMac("pod MAC: multicast", "01:00:5e:00:00:01"),
        podMac("pod MAC: broadcast", "ff:ff:ff:ff:ff:ff"),
        podMac("pod MAC: all zeros", "00:00:00:00:00:00"));
  }

  /** A bad ConfigMap: the seed's data with one key changed. */
  record BadConfig(String what, String key, String value) {}

  static List<BadConfig> badConfigs() {
    return List.of(
        new BadConfig("nic-ip /32", "nic-ip", "172.56.0.254/32"),
        new BadConfig("nic-ip /31", "nic-ip", "172.56.0.254/31"),
        new BadConfig("enable-external-gw with a capital", "enable-external-gw", "True"),
        new BadConfig("external-gw-nic with a newline", "external-gw-nic", "eth1\neth2"),
        new BadConfig("nic-mac multicast", "nic-mac", "01:00:5e:00:00:01"),
        new BadConfig("external-gw-addr with leading zeros", "external-gw-addr", "172.56.0.01/16"));
  }

  @Test
  void eachBadInputIsOneBoundedEventAndChangesNothing() {
    ovn.withChassis("chassis-worker", "kube-ovn-worker");
    ControllerHarness.node(client, "kube-ovn-worker", "chassis-worker");
    ControllerHarness.configMap(client, SEED_CONFIG);
    try (Controller c = ControllerHarness.start(ovn, client)) {
      int n = 0;
      good(n++); // the controller is up and handles pods
      for (BadPod bad : badPods()) {
        String name = "bad-" + n;
        String before = nb();
        create("default", name, bad.ip(), bad.mac(), bad.extra(), false);
        awaitOneWarning(bad.what(), "Pod", name);
        assertThat(nb()).as("%s: NB unchanged", bad.what()).isEqualTo(before);
        good(n++);
        assertThat(warnings("Pod", name)).as("%s: still one Event", bad.what()).hasSize(1);
      }

      String before = nb();
      create("default", "host-net", "10.16.1.200", "00:00:00:00:01:c8", eipOf("172.56.0.90"), true);
      awaitOneWarning("a host-network pod", "Pod", "host-net");
      assertThat(nb()).isEqualTo(before);
      good(n++);

      // Same name in two namespaces, same EIP: the earlier pod has it, the other is told why.
      client
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName("other").endMetadata().build())
          .create();
      create("default", "twin", "10.16.1.201", "00:00:00:00:01:c9", eipOf("172.56.0.91"), false);
      await().atMost(WAIT).until(() -> nb().contains("172.56.0.91"));
      before = nb();
      create("other", "twin", "10.16.1.202", "00:00:00:00:01:ca", eipOf("172.56.0.91"), false);
      await()
          .atMost(WAIT)
          .until(
              () ->
                  warnings("Pod", "twin").stream()
                          .filter(e -> "other".equals(e.getInvolvedObject().getNamespace()))
                          .count()
                      == 1);
      assertThat(nb()).isEqualTo(before);
      good(n++);

      int configEvents = 0;
      for (BadConfig bad : badConfigs()) {
        Map<String, String> data = new HashMap<>(SEED_CONFIG);
        data.put(bad.key(), bad.value());
        before = nb();
        ControllerHarness.configMap(client, data);
        int expected = ++configEvents;
        await()
            .atMost(WAIT)
            .untilAsserted(
                () ->
                    assertThat(warnings("ConfigMap", "ovn-external-gw-config"))
                        .as(bad.what())
                        .hasSize(expected));
        assertBounded(bad.what(), warnings("ConfigMap", "ovn-external-gw-config"));
        assertThat(nb()).as("%s: NB unchanged", bad.what()).isEqualTo(before);
        ControllerHarness.configMap(client, SEED_CONFIG);
        good(n++);
      }
      assertThat(n).isGreaterThanOrEqualTo(25);
    }
  }

  // --- fixtures --------------------------------------------------------------------------------

  /** Last octets of the bad-EIP pods: each pod has an IP of its own, as the CNI gives them. */
  private static final AtomicInteger NEXT_HOST = new AtomicInteger(100);

  private static BadPod eip(String what, String value) {
    int host = NEXT_HOST.getAndIncrement();
    return new BadPod(
        what, "10.16.1." + host, String.format("00:00:00:00:01:%02x", host), eipOf(value));
  }

  private static BadPod podIp(String what, String ip) {
    return new BadPod(what, ip, "00:00:00:00:01:09", eipOf("172.56.0.60"));
  }

  private static BadPod podMac(String what, String mac) {
    return new BadPod(what, "10.16.1.9", mac, eipOf("172.56.0.60"));
  }

  private static Map<String, String> eipOf(String value) {
    return Map.of("ovn.kubernetes.io/eip", value);
  }

  /** A good pod with its own EIP: rows appear and routed is set. */
  private void good(int i) {
    String name = "good-" + i;
    String eip = "172.56.2." + (i + 1);
    create(
        "default",
        name,
        "10.16.2." + (i + 1),
        String.format("00:00:00:00:02:%02x", i + 1),
        eipOf(eip),
        false);
    await().atMost(WAIT).until(() -> nb().contains(eip) && routed("default", name));
  }

  private void awaitOneWarning(String what, String kind, String name) {
    await().atMost(WAIT).untilAsserted(() -> assertThat(warnings(kind, name)).as(what).hasSize(1));
    assertBounded(what, warnings(kind, name));
  }

  private static void assertBounded(String what, List<Event> events) {
    for (Event e : events) {
      assertThat(e.getMessage().getBytes(StandardCharsets.UTF_8).length)
          .as("%s: message size", what)
          .isLessThanOrEqualTo(1024);
    }
  }

  private List<Event> warnings(String kind, String name) {
    return client.v1().events().inAnyNamespace().list().getItems().stream()
        .filter(e -> "Warning".equals(e.getType()))
        .filter(e -> kind.equals(e.getInvolvedObject().getKind()))
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  /** Every row of the tables the controller writes, as ovn-nbctl shows them. */
  private String nb() {
    return ovn.nbctl("lr-nat-list", "ovn-cluster")
        + ovn.nbctl("lr-policy-list", "ovn-cluster")
        + ovn.nbctl("--columns=name,mac,networks,external_ids", "list", "Logical_Router_Port")
        + ovn.nbctl("--columns=name,external_ids", "list", "Logical_Switch")
        + ovn.nbctl("--columns=chassis_name,priority", "list", "Gateway_Chassis");
  }

  private boolean routed(String ns, String name) {
    Pod p = client.pods().inNamespace(ns).withName(name).get();
    return p != null
        && p.getMetadata().getAnnotations() != null
        && "true".equals(p.getMetadata().getAnnotations().get("ovn.kubernetes.io/routed"));
  }

  private void create(
      String ns, String name, String ip, String mac, Map<String, String> extra, boolean hostNet) {
    if (!hostNet) {
      // The CNI's port, the proof of the pod's IP (docs/behaviour.md §2.3). ovn-nbctl refuses the
      // addresses no CNI writes (a newline, 300 KB, a zone id): such a pod has no port, as in a
      // cluster, and its own address is refused before its port is looked for.
      try {
        ovn.nbctl(KubeOvnBaseTopology.podPortArgs(ns, name, mac, ip).toArray(String[]::new));
      } catch (RuntimeException refusedByNbctl) {
        // no port
      }
    }
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(ns)
            .addToAnnotations("ovn.kubernetes.io/allocated", "true")
            .addToAnnotations("ovn.kubernetes.io/ip_address", ip)
            .addToAnnotations("ovn.kubernetes.io/mac_address", mac)
            .addToAnnotations("ovn.kubernetes.io/logical_switch", "ovn-default")
            .addToAnnotations(extra)
            .endMetadata()
            .withNewSpec()
            .withNodeName("kube-ovn-worker")
            .withHostNetwork(hostNet)
            .addNewContainer()
            .withName("c")
            .withImage("nginx")
            .endContainer()
            .endSpec()
            .build();
    client.pods().inNamespace(ns).resource(pod).create();
  }
}

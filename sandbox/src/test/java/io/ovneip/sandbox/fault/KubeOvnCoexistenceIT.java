package io.ovneip.sandbox.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.ovneip.controller.Controller;
import io.ovneip.controller.ControllerOptions;
import io.ovneip.kubeapi.EmbeddedKubeApi;
import io.ovneip.model.input.GatewaySettings;
import io.ovneip.sandbox.cni.ClusterNetwork;
import io.ovneip.sandbox.cni.CniStandIn;
import io.ovneip.sandbox.cni.NbctlCniOvn;
import io.ovneip.sandbox.cni.SandboxNode;
import io.ovneip.sandbox.exec.CommandRunner;
import io.ovneip.testkit.OvsdbExtension;
import io.ovneip.testkit.OvsdbServer;
import io.ovneip.testkit.Schema;
import io.ovneip.testkit.WithSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The controller beside a Kube-OVN-like cluster (issue "Beside Kube-OVN"): the API serves
 * kubeovn.io, the CNI stand-in sets {@code routed} as kube-ovn-controller does, and faults play
 * Kube-OVN's sweeps. Real NB and SB ovsdb-servers.
 */
@ExtendWith(OvsdbExtension.class)
class KubeOvnCoexistenceIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String ROUTED = "ovn.kubernetes.io/routed";
  private static final String APPLIED = "ovn-eip.io/applied";

  private EmbeddedKubeApi api;
  private KubernetesClient client;
  private OvsdbServer nb;
  private CniStandIn cni;
  private Controller controller;
  private SharedIndexInformer<Pod> watcher;
  private final AtomicInteger routedRemovals = new AtomicInteger();
  private FaultTarget target;

  @BeforeEach
  void start(
      OvsdbServer nb,
      @WithSchema(Schema.SB) OvsdbServer sb,
      @org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    this.nb = nb;
    api = EmbeddedKubeApi.start(0, true);
    client = api.client();
    Path kubeconfig = dir.resolve("kubeconfig");
    api.writeKubeconfig(kubeconfig);
    CommandRunner runner = CommandRunner.inheritingEnvironment();
    cni =
        CniStandIn.start(
            client,
            new NbctlCniOvn(nb.tcpRemote(), sb.tcpRemote(), runner, Duration.ofSeconds(10)),
            ClusterNetwork.defaults(),
            SandboxNode.kindCluster(2),
            CniStandIn.Mode.KUBE_OVN,
            List.of("kube-ovn-worker"));
    // Every removal of routed, by whoever: the test's own removals are counted apart.
    watcher =
        client
            .pods()
            .inAnyNamespace()
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Pod pod) {}

                  @Override
                  public void onUpdate(Pod before, Pod after) {
                    if (has(before, ROUTED) && !has(after, ROUTED)) {
                      routedRemovals.incrementAndGet();
                    }
                  }

                  @Override
                  public void onDelete(Pod pod, boolean unknown) {}
                });
    client
        .configMaps()
        .inNamespace("kube-system")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("ovn-external-gw-config")
                .withNamespace("kube-system")
                .endMetadata()
                .withData(
                    Map.of(
                        "enable-external-gw", "true",
                        "external-gw-nodes", "kube-ovn-worker",
                        "external-gw-nic", "eth1",
                        "external-gw-addr", "172.56.0.1/16",
                        "nic-ip", "172.56.0.254/16",
                        "nic-mac", "16:52:f3:13:6a:25"))
                .build())
        .create();
    controller =
        Controller.start(
            ControllerOptions.forRemotes(
                GatewaySettings.defaults(),
                nb.tcpRemote(),
                sb.tcpRemote(),
                new ControllerOptions.Election(false, "kube-system", "ovn-eip-controller", "t")),
            client);
    target = new FaultTarget(nb.tcpRemote(), kubeconfig, Map.of(), runner);
    Files.createDirectories(dir);
  }

  @AfterEach
  void stop() {
    for (AutoCloseable c : new AutoCloseable[] {controller, watcher, cni, api}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // keep closing the rest
      }
    }
  }

  @Test
  void routedStaysKubeOvnsWithoutPingPongWhileOurStatusTellsTheTruth() throws Exception {
    pod("pod-eip", Map.of("ovn.kubernetes.io/eip", "172.56.0.233"));
    pod("pod-snat", Map.of("ovn.kubernetes.io/snat", "172.56.0.200"));
    await().atMost(WAIT).until(() -> "eip=172.56.0.233".equals(annotation("pod-eip", APPLIED)));
    // Created once pod-eip holds the EIP: a later creation time, so pod-eip is the earlier claimant
    // whatever the names (creation times have one-second resolution).
    Thread.sleep(1_100);
    pod("loser", Map.of("ovn.kubernetes.io/eip", "172.56.0.233"));
    pod("bad", Map.of("ovn.kubernetes.io/eip", "not-an-ip"));
    await().atMost(WAIT).until(() -> "snat=172.56.0.200".equals(annotation("pod-snat", APPLIED)));
    await()
        .atMost(WAIT)
        .until(() -> "False".equals(condition("loser").map(PodCondition::getStatus).orElse("")));
    await().atMost(WAIT).until(() -> condition("bad").isPresent());
    await().atMost(WAIT).until(controller::idle);
    // Kube-OVN's routed is on every pod, rejected ones too, written once each: no ping-pong.
    for (String p : List.of("pod-eip", "pod-snat", "loser", "bad")) {
      await().atMost(WAIT).until(() -> "true".equals(annotation(p, ROUTED)));
    }
    assertThat(cni.routedWrites()).isEqualTo(4);
    assertThat(routedRemovals.get()).isZero();
    assertThat(condition("pod-eip").orElseThrow().getStatus()).isEqualTo("True");
    assertThat(condition("loser").orElseThrow().getReason()).isEqualTo("Conflict");
    assertThat(annotation("loser", APPLIED)).isNull();
    assertThat(condition("bad").orElseThrow().getStatus()).isEqualTo("False");
    assertThat(annotation("bad", APPLIED)).isNull();

    // The seed's flow: a new EIP and routed- by hand. Kube-OVN sets routed again; ovn-eip never
    // touches it, and its own annotation names the new EIP.
    annotate("pod-eip", "ovn.kubernetes.io/eip", "172.56.0.221");
    remove("pod-eip", ROUTED);
    await().atMost(Duration.ofSeconds(1)).until(() -> "true".equals(annotation("pod-eip", ROUTED)));
    await().atMost(WAIT).until(() -> "eip=172.56.0.221".equals(annotation("pod-eip", APPLIED)));
    // The hand-over: the loser gets 172.56.0.233 now, with no user action.
    await().atMost(WAIT).until(() -> "eip=172.56.0.233".equals(annotation("loser", APPLIED)));
    await().atMost(WAIT).until(controller::idle);
    assertThat(cni.routedWrites()).isEqualTo(5); // the one the test's removal asked for
    assertThat(routedRemovals.get()).isEqualTo(1); // the test's own
    assertThat(nbctl("lr-nat-list", "ovn-cluster"))
        .contains("172.56.0.221")
        .contains("172.56.0.233")
        .contains("172.56.0.200");
  }

  @Test
  void ourPoliciesSurviveAKubeOvnRestartThatSweepsItsOwnPriority() {
    pod("pod-eip", Map.of("ovn.kubernetes.io/eip", "172.56.0.233"));
    await().atMost(WAIT).until(() -> "eip=172.56.0.233".equals(annotation("pod-eip", APPLIED)));
    String ip = annotation("pod-eip", "ovn.kubernetes.io/ip_address");
    // A policy as Kube-OVN's own EIP left it (29250, no owner key): the sweep's target.
    nbctl("lr-policy-add", "ovn-cluster", "29250", "ip4.src == 10.16.9.9", "reroute", "172.56.0.1");
    await().atMost(WAIT).until(controller::idle);
    double written = controller.metrics().transactions.get();

    List<String> did = new KubeOvnRestart().inject(target, List.of());

    assertThat(did).anyMatch(l -> l.contains("ip4.src == 10.16.9.9"));
    String policies = nbctl("lr-policy-list", "ovn-cluster");
    assertThat(policies).doesNotContain("10.16.9.9");
    assertThat(policies)
        .containsPattern("29260\\s+ip4.src == " + ip.replace(".", "\\.") + "\\s+reroute");
    await().atMost(WAIT).until(controller::idle);
    // Nothing of ours was touched, so nothing had to be written again.
    assertThat(controller.metrics().transactions.get()).isEqualTo(written);
    assertThat(condition("pod-eip").orElseThrow().getStatus()).isEqualTo("True");
  }

  @Test
  void ownedRowsDeletedByKubeOvnLikeSweepsComeBackFromTheNbNotification() {
    pod("pod-eip", Map.of("ovn.kubernetes.io/eip", "172.56.0.233"));
    await().atMost(WAIT).until(() -> "eip=172.56.0.233".equals(annotation("pod-eip", APPLIED)));
    await().atMost(WAIT).until(controller::idle);
    String ip = annotation("pod-eip", "ovn.kubernetes.io/ip_address");
    // handleDelVpcExternalSubnet deletes the router port pair by name; a pod-delete sweep the
    // pod's policy by (priority, match); neither looks at external_ids.
    nbctl(
        "lrp-del",
        "ovn-cluster-external",
        "--",
        "lsp-del",
        "external-ovn-cluster",
        "--",
        "lr-policy-del",
        "ovn-cluster",
        "29260",
        "ip4.src == " + ip);
    // The resync period is five minutes: back within seconds means from the notification.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                nbctl("show").contains("ovn-cluster-external")
                    && nbctl("show").contains("external-ovn-cluster")
                    && nbctl("lr-policy-list", "ovn-cluster").contains("ip4.src == " + ip));
  }

  private String nbctl(String... args) {
    return target.nbctl(args);
  }

  private void pod(String name, Map<String, String> annotations) {
    client
        .pods()
        .inNamespace("default")
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("default")
                .addToAnnotations(annotations)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("c")
                .withImage("nginx")
                .endContainer()
                .endSpec()
                .build())
        .create();
  }

  private static boolean has(Pod pod, String key) {
    Map<String, String> a = pod.getMetadata().getAnnotations();
    return a != null && a.containsKey(key);
  }

  private String annotation(String pod, String key) {
    Pod p = client.pods().inNamespace("default").withName(pod).get();
    Map<String, String> a = p == null ? null : p.getMetadata().getAnnotations();
    return a == null ? null : a.get(key);
  }

  private Optional<PodCondition> condition(String pod) {
    Pod p = client.pods().inNamespace("default").withName(pod).get();
    if (p == null || p.getStatus() == null || p.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return p.getStatus().getConditions().stream()
        .filter(c -> "ovn-eip.io/ready".equals(c.getType()))
        .findFirst();
  }

  private void annotate(String pod, String key, String value) {
    patch(pod, "add", key, "\"" + value + "\"");
  }

  private void remove(String pod, String key) {
    patch(pod, "remove", key, null);
  }

  private void patch(String pod, String op, String key, String jsonValue) {
    String path = "/metadata/annotations/" + key.replace("~", "~0").replace("/", "~1");
    String body =
        "[{\"op\":\""
            + op
            + "\",\"path\":\""
            + path
            + "\""
            + (jsonValue == null ? "" : ",\"value\":" + jsonValue)
            + "}]";
    client
        .pods()
        .inNamespace("default")
        .withName(pod)
        .patch(
            io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                io.fabric8.kubernetes.client.dsl.base.PatchType.JSON),
            body);
  }
}

package io.ovneip.controller.it;

import static io.ovneip.controller.it.ControllerHarness.SEED_CONFIG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ovneip.controller.Controller;
import io.ovneip.controller.adopt.Adopter;
import io.ovneip.model.adopt.Adoption;
import io.ovneip.model.input.GatewaySettings;
import io.ovneip.ovsdb.client.OvsdbClient;
import io.ovneip.ovsdb.client.OvsdbClientOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Migration from Kube-OVN's own EIP (docs/behaviour.md §8): its rows, matching what ovn-eip would
 * write, are adopted and kept (same UUIDs: never deleted and written again); a differing one is
 * listed and left alone.
 */
class AdoptIT extends ControllerItBase {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @BeforeEach
  void kubeOvnsOwnEipLeftItsRows() {
    ovn.withChassis("chassis-worker", "kube-ovn-worker");
    ControllerHarness.node(client, "kube-ovn-worker", "chassis-worker");
    ControllerHarness.configMap(client, SEED_CONFIG);
    ControllerHarness.pod(
        ovn,
        client,
        "pod-eip",
        "10.16.0.3",
        "00:00:00:00:00:03",
        Map.of("ovn.kubernetes.io/eip", "172.56.0.233"));
    ControllerHarness.pod(
        ovn,
        client,
        "pod-other",
        "10.16.0.4",
        "00:00:00:00:00:04",
        Map.of("ovn.kubernetes.io/eip", "172.56.0.234"));
    // As Kube-OVN's EIP/SNAT writes them (vendor=kube-ovn, no owner key).
    ovn.nbctl(
        "ls-add",
        "external",
        "--",
        "set",
        "Logical_Switch",
        "external",
        "external_ids:vendor=kube-ovn",
        "--",
        "lsp-add",
        "external",
        "localnet.external",
        "--",
        "lsp-set-type",
        "localnet.external",
        "localnet",
        "--",
        "lsp-set-addresses",
        "localnet.external",
        "unknown",
        "--",
        "lsp-set-options",
        "localnet.external",
        "network_name=external",
        "--",
        "lrp-add",
        "ovn-cluster",
        "ovn-cluster-external",
        "16:52:f3:13:6a:25",
        "172.56.0.254/16",
        "--",
        "lsp-add",
        "external",
        "external-ovn-cluster",
        "--",
        "lsp-set-type",
        "external-ovn-cluster",
        "router",
        "--",
        "lsp-set-addresses",
        "external-ovn-cluster",
        "router",
        "--",
        "lsp-set-options",
        "external-ovn-cluster",
        "router-port=ovn-cluster-external");
    ovn.nbctl("lrp-set-gateway-chassis", "ovn-cluster-external", "chassis-worker", "100");
    ovn.nbctl("lr-nat-add", "ovn-cluster", "dnat_and_snat", "172.56.0.233", "10.16.0.3");
    ovn.nbctl("lr-nat-add", "ovn-cluster", "dnat_and_snat", "172.56.0.234", "10.16.0.4");
    ovn.nbctl("set", "NAT", natUuid("172.56.0.234"), "options:stateless=true");
    ovn.nbctl(
        "lr-policy-add", "ovn-cluster", "29250", "ip4.src == 10.16.0.3", "reroute", "172.56.0.1");
  }

  @Test
  void matchingRowsAreAdoptedAndKeptADifferingOneIsListedAndLeftAlone() {
    List<Adoption.Candidate> plan;
    try (OvsdbClient nb = OvsdbClient.connect(OvsdbClientOptions.of(ovn.nb.tcpRemote()));
        OvsdbClient sb = OvsdbClient.connect(OvsdbClientOptions.of(ovn.sb.tcpRemote()))) {
      Adopter adopter = new Adopter(client, nb, sb, GatewaySettings.defaults(), WAIT);
      plan = adopter.plan();
      assertThat(
              plan.stream()
                  .filter(Adoption.Candidate::adopt)
                  .map(c -> c.table() + " " + c.naturalKey()))
          .containsExactlyInAnyOrder(
              "Logical_Switch external",
              "Logical_Switch_Port localnet.external",
              "Logical_Switch_Port external-ovn-cluster",
              "Logical_Router_Port ovn-cluster-external",
              "Gateway_Chassis ovn-cluster-external-chassis-worker",
              "NAT dnat_and_snat 172.56.0.233 10.16.0.3",
              "Logical_Router_Policy 29250 ip4.src == 10.16.0.3");
      assertThat(plan.stream().filter(c -> !c.adopt()))
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.naturalKey()).isEqualTo("dnat_and_snat 172.56.0.234 10.16.0.4");
                assertThat(c.line()).contains("differs in options", "untouched");
              });
      assertThat(adopter.apply(plan)).isEqualTo(7);
    }
    String nat = natUuid("172.56.0.233");
    String lrp =
        ovn.nbctl(
                "--bare",
                "--columns=_uuid",
                "find",
                "Logical_Router_Port",
                "name=ovn-cluster-external")
            .trim();
    assertThat(ovn.nbctl("get", "NAT", nat, "external_ids"))
        .contains("ovn-eip-owner=\"pod/default/pod-eip\"")
        .contains("vendor=ovn-eip");
    assertThat(ovn.nbctl("get", "NAT", natUuid("172.56.0.234"), "external_ids"))
        .doesNotContain("ovn-eip-owner");

    try (Controller c = ControllerHarness.start(ovn, client)) {
      await()
          .atMost(WAIT)
          .until(
              () ->
                  ovn.nbctl("lr-policy-list", "ovn-cluster").contains("29260")
                      && !ovn.nbctl("lr-policy-list", "ovn-cluster").contains("29250"));
      await().atMost(WAIT).until(c::idle);
      // Kept, not deleted and written again.
      assertThat(natUuid("172.56.0.233")).isEqualTo(nat);
      assertThat(
              ovn.nbctl(
                      "--bare",
                      "--columns=_uuid",
                      "find",
                      "Logical_Router_Port",
                      "name=ovn-cluster-external")
                  .trim())
          .isEqualTo(lrp);
      // The differing row was never ours: still there, still without our key.
      String differing =
          ovn.nbctl(
                  "--bare",
                  "--columns=external_ids",
                  "find",
                  "NAT",
                  "external_ip=\"172.56.0.234\"",
                  "options:stateless=true")
              .trim();
      assertThat(differing).isNotNull().doesNotContain("ovn-eip-owner");
      assertThat(
              ovn.nbctl(
                      "--bare",
                      "--columns=_uuid",
                      "find",
                      "NAT",
                      "external_ip=\"172.56.0.234\"",
                      "options:stateless=true")
                  .trim())
          .isNotEmpty();
    }
  }

  /**
   * Adopting while the controller runs (the migration's order: ovn-eip started, then {@code adopt
   * --apply}): each adoption keeps the rows, it never deletes them to write them again a batch
   * later. Five pods adopted one after the other, each its own NB transaction.
   */
  @Test
  void rowsAdoptedUnderARunningControllerAreKeptNotRewritten() {
    List<String> eips = new java.util.ArrayList<>(List.of("172.56.0.233"));
    for (int i = 5; i <= 8; i++) {
      String ip = "10.16.0." + i;
      String eip = "172.56.0.24" + i;
      ControllerHarness.pod(
          ovn,
          client,
          "pod-" + i,
          ip,
          "00:00:00:00:00:0" + i,
          Map.of("ovn.kubernetes.io/eip", eip));
      ovn.nbctl("lr-nat-add", "ovn-cluster", "dnat_and_snat", eip, ip);
      ovn.nbctl(
          "lr-policy-add", "ovn-cluster", "29250", "ip4.src == " + ip, "reroute", "172.56.0.1");
      eips.add(eip);
    }
    Map<String, String> before = new java.util.HashMap<>();
    eips.forEach(e -> before.put(e, natUuid(e)));
    try (Controller c = ControllerHarness.start(ovn, client);
        OvsdbClient nb = OvsdbClient.connect(OvsdbClientOptions.of(ovn.nb.tcpRemote()));
        OvsdbClient sb = OvsdbClient.connect(OvsdbClientOptions.of(ovn.sb.tcpRemote()))) {
      await()
          .atMost(WAIT)
          .until(
              () -> !ControllerHarness.events(client, "default", "pod-8", "EIPConflict").isEmpty());
      Adopter adopter = new Adopter(client, nb, sb, GatewaySettings.defaults(), WAIT);
      // The gateway's rows first, then each pod's NAT row and policy in a transaction of its own.
      assertThat(
              adopter.apply(
                  adopter.plan().stream().filter(x -> x.owner().isGateway() && x.adopt()).toList()))
          .isEqualTo(5);
      for (String eip : eips) {
        String ip =
            eip.equals("172.56.0.233") ? "10.16.0.3" : "10.16.0." + eip.substring(eip.length() - 1);
        List<Adoption.Candidate> mine =
            adopter.plan().stream().filter(x -> x.adopt() && x.naturalKey().contains(ip)).toList();
        assertThat(mine).hasSize(2);
        assertThat(adopter.apply(mine)).isEqualTo(2);
        await()
            .atMost(WAIT)
            .until(
                () ->
                    ovn.nbctl("lr-policy-list", "ovn-cluster")
                        .matches("(?s).*29260\\s+ip4.src == " + ip.replace(".", "\\.") + "\\s.*"));
        assertThat(natUuid(eip)).as(eip).isEqualTo(before.get(eip));
      }
      await()
          .atMost(WAIT)
          .until(() -> !ovn.nbctl("lr-policy-list", "ovn-cluster").contains("29250"));
      eips.forEach(e -> assertThat(natUuid(e)).as(e).isEqualTo(before.get(e)));
    }
  }

  private String natUuid(String externalIp) {
    String all =
        ovn.nbctl(
                "--bare",
                "--columns=_uuid",
                "find",
                "NAT",
                "external_ip=\"" + externalIp + "\"",
                "options={}")
            .trim();
    if (all.isEmpty()) {
      all =
          ovn.nbctl(
                  "--bare", "--columns=_uuid", "find", "NAT", "external_ip=\"" + externalIp + "\"")
              .trim();
    }
    return all.split("\\s+")[0];
  }
}

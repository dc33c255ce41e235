package io.ovneip.sandbox.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NbShowTest {
  /** The seed's expected view, plus NAT entries as ovn-nbctl 23.03 prints them. */
  static final String SHOW =
      """
      switch 3de4cea7-1a71-43f3-8b62-435a57ef16a6 (external)
          port localnet.external
              type: localnet
              addresses: ["unknown"]
          port external-ovn-cluster
              type: router
              router-port: ovn-cluster-external
      router e1eb83ad-34be-4ed5-9a02-fcc8b1d357c4 (ovn-cluster)
          port ovn-cluster-external
              mac: "ac:1f:6b:2d:33:f1"
              networks: ["172.56.0.100/16"]
              gateway chassis: [a5682814-2e2c-46dd-9c1c-6803ef0dab66]
          nat a2de6e6a-6983-40a8-b18a-32db4d71b2a9
              external ip: "172.56.0.233"
              logical ip: "10.16.0.3"
              type: "dnat_and_snat"
      """;

  @Test
  void readsSwitchesRoutersPortsAndNats() {
    NbShow show = NbShow.parse(SHOW);
    assertThat(show.port("switch", "external", "localnet.external"))
        .containsEntry("type", "localnet")
        .containsEntry("addresses", "[\"unknown\"]");
    assertThat(show.port("switch", "external", "external-ovn-cluster"))
        .containsEntry("router-port", "ovn-cluster-external");
    assertThat(show.port("router", "ovn-cluster", "ovn-cluster-external"))
        .containsEntry("mac", "\"ac:1f:6b:2d:33:f1\"")
        .containsEntry("networks", "[\"172.56.0.100/16\"]")
        .containsEntry("gateway chassis", "[a5682814-2e2c-46dd-9c1c-6803ef0dab66]");
    assertThat(show.nats("ovn-cluster"))
        .containsExactly(new NatList.Nat("dnat_and_snat", "172.56.0.233", "10.16.0.3"));
  }

  @Test
  void missingThingsAreEmptyNotErrors() {
    NbShow show = NbShow.parse(SHOW);
    assertThat(show.find("switch", "ovn-default")).isEmpty();
    assertThat(show.port("router", "ovn-cluster", "nope")).isEmpty();
    assertThat(show.port("switch", "nope", "nope")).isEmpty();
    assertThat(NbShow.parse("").entities()).isEmpty();
  }
}

package io.ovneip.sandbox.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NatListTest {
  @Test
  void readsRowsWithBlankColumns() {
    NatList list =
        NatList.parse(
            """
            TYPE             GATEWAY_PORT          EXTERNAL_IP        EXTERNAL_PORT    LOGICAL_IP          EXTERNAL_MAC         LOGICAL_PORT
            dnat_and_snat                          172.56.0.233                        10.16.0.3
            snat                                   172.56.0.200                        10.16.0.2
            dnat_and_snat                          172.56.0.9                          10.16.0.9           00:00:00:10:00:09    pod.default
            """);
    assertThat(list.rows())
        .containsExactly(
            new NatList.Nat("dnat_and_snat", "172.56.0.233", "10.16.0.3"),
            new NatList.Nat("snat", "172.56.0.200", "10.16.0.2"),
            new NatList.Nat("dnat_and_snat", "172.56.0.9", "10.16.0.9"));
    assertThat(list.has("snat", "172.56.0.200", "10.16.0.2")).isTrue();
    assertThat(list.hasExternal("172.56.0.221")).isFalse();
  }

  @Test
  void anEmptyListHasNoRows() {
    assertThat(NatList.parse("").rows()).isEmpty();
  }
}

package io.ovneip.sandbox.cni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Ipv4PoolTest {
  @Test
  void handsOutTheLowestFreeAddressSkippingNetworkAndGateway() {
    Ipv4Pool pool = new Ipv4Pool(Ipv4Cidr.parse("10.16.0.0/16"));
    assertThat(pool.allocate("default/a")).isEqualTo("10.16.0.2");
    assertThat(pool.allocate("default/b")).isEqualTo("10.16.0.3");
    assertThat(pool.allocate("default/a")).isEqualTo("10.16.0.2"); // same owner, same address
    pool.release("default/a");
    assertThat(pool.allocate("default/c")).isEqualTo("10.16.0.2");
  }

  @Test
  void reservesWhatARestartFindsAndRefusesClashes() {
    Ipv4Pool pool = new Ipv4Pool(Ipv4Cidr.parse("10.16.0.0/16"));
    assertThat(pool.reserve("default/a", "10.16.1.7")).isTrue();
    assertThat(pool.reserve("default/b", "10.16.1.7")).isFalse();
    assertThat(pool.reserve("default/b", "10.16.0.1")).isFalse(); // the gateway
    assertThat(pool.reserve("default/b", "10.17.0.5")).isFalse(); // outside
    assertThat(pool.reserve("default/b", "10.16.255.255")).isFalse(); // broadcast
    assertThat(pool.addressOf("default/a")).contains("10.16.1.7");
  }

  @Test
  void anExhaustedSubnetSaysSo() {
    Ipv4Pool pool = new Ipv4Pool(Ipv4Cidr.parse("10.0.0.0/30"));
    assertThat(pool.allocate("a")).isEqualTo("10.0.0.2");
    assertThatThrownBy(() -> pool.allocate("b")).hasMessageContaining("exhausted");
  }

  @Test
  void cidrsAreValidated() {
    assertThatThrownBy(() -> Ipv4Cidr.parse("10.16.0.1/16")).hasMessageContaining("host bits");
    assertThatThrownBy(() -> Ipv4Cidr.parse("10.16.0.0")).hasMessageContaining("not a CIDR");
    assertThat(Ipv4Cidr.parse("10.16.0.0/16").indexOf("10.16.1.2")).isEqualTo(258);
  }
}

package io.ovneip.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovneip.controller.kube.RoutedOwner;
import io.ovneip.kubeapi.EmbeddedKubeApi;
import org.junit.jupiter.api.Test;

/**
 * {@code routed}'s owner (docs/behaviour.md §5): detected from Kube-OVN's API objects, a flag
 * overrides.
 */
class RoutedOwnerIT {
  @Test
  void kubeOvnWhereTheApiServesItsVpcsOvnEipElsewhereAndTheFlagWins() throws Exception {
    try (EmbeddedKubeApi kubeOvn = EmbeddedKubeApi.start(0, true);
        EmbeddedKubeApi plain = EmbeddedKubeApi.start(0)) {
      assertThat(RoutedOwner.AUTO.resolve(kubeOvn.client())).isEqualTo(RoutedOwner.KUBE_OVN);
      assertThat(RoutedOwner.AUTO.resolve(plain.client())).isEqualTo(RoutedOwner.OVN_EIP);
      assertThat(RoutedOwner.parse("ovn-eip").resolve(kubeOvn.client()))
          .isEqualTo(RoutedOwner.OVN_EIP);
      assertThat(RoutedOwner.parse("kube-ovn").resolve(plain.client()))
          .isEqualTo(RoutedOwner.KUBE_OVN);
    }
  }
}

package io.ovneip.controller.kube;

import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who writes the pod annotation {@code ovn.kubernetes.io/routed} (docs/behaviour.md §5). Kube-OVN
 * sets it on every pod after its own route step, sets it again when it is removed, skips its step
 * when it is already there, and kube-ovn-cni waits for it at pod start: where Kube-OVN runs, {@code
 * routed} is Kube-OVN's and this system never writes it. Elsewhere (other CNIs, the sandbox's plain
 * stand-in) this system sets it after its commit, and never removes it.
 */
public enum RoutedOwner {
  /** Decide at start from the API: Kube-OVN's {@code vpcs.kubeovn.io} resource present or not. */
  AUTO,
  /** Kube-OVN writes {@code routed}; this system never does. */
  KUBE_OVN,
  /** This system sets {@code routed=true} once a pod's rows are committed; never removes it. */
  OVN_EIP;

  private static final Logger LOG = LoggerFactory.getLogger(RoutedOwner.class);

  /** Kube-OVN's API group and the resource whose presence says Kube-OVN runs here. */
  public static final String KUBE_OVN_GROUP_VERSION = "kubeovn.io/v1";

  public static final String KUBE_OVN_VPCS = "vpcs";

  /** Parses a flag value: {@code auto}, {@code kube-ovn} or {@code ovn-eip}. */
  public static RoutedOwner parse(String flag) {
    return switch (flag.strip().toLowerCase(Locale.ROOT)) {
      case "auto" -> AUTO;
      case "kube-ovn" -> KUBE_OVN;
      case "ovn-eip" -> OVN_EIP;
      default ->
          throw new IllegalArgumentException(
              "--routed-owner must be auto, kube-ovn or ovn-eip, got '" + flag + "'");
    };
  }

  /** The flag's spelling of this value. */
  public String flagValue() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** This value, or for {@link #AUTO} what the API says. */
  public RoutedOwner resolve(KubernetesClient client) {
    if (this != AUTO) {
      return this;
    }
    RoutedOwner detected = kubeOvnPresent(client) ? KUBE_OVN : OVN_EIP;
    LOG.info(
        "routed owner: {} (Kube-OVN's {} resource {}; --routed-owner overrides)",
        detected.flagValue(),
        KUBE_OVN_VPCS + "." + KUBE_OVN_GROUP_VERSION,
        detected == KUBE_OVN ? "served" : "not served");
    return detected;
  }

  /**
   * Whether the API serves {@code vpcs.kubeovn.io}. Discovery needs no permission beyond being
   * authenticated. An API that cannot answer counts as Kube-OVN present: wrongly leaving {@code
   * routed} alone costs nothing where Kube-OVN runs, while writing it there races Kube-OVN.
   */
  public static boolean kubeOvnPresent(KubernetesClient client) {
    try {
      APIResourceList list = client.getApiResources(KUBE_OVN_GROUP_VERSION);
      return list != null
          && list.getResources() != null
          && list.getResources().stream().anyMatch(r -> KUBE_OVN_VPCS.equals(r.getName()));
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return false;
      }
      LOG.warn(
          "cannot tell whether Kube-OVN runs here ({}); leaving routed to Kube-OVN",
          e.getMessage());
      return true;
    }
  }
}

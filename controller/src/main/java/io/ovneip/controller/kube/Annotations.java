package io.ovneip.controller.kube;

/** Annotation and label keys of the contract (spec §2.3, §2.4, §5). */
public final class Annotations {
  public static final String SNAT = "ovn.kubernetes.io/snat";
  public static final String EIP = "ovn.kubernetes.io/eip";
  public static final String ROUTED = "ovn.kubernetes.io/routed";
  public static final String IP_ADDRESS = "ovn.kubernetes.io/ip_address";
  public static final String MAC_ADDRESS = "ovn.kubernetes.io/mac_address";
  public static final String ALLOCATED = "ovn.kubernetes.io/allocated";
  public static final String CHASSIS = "ovn.kubernetes.io/chassis";
  public static final String EXTERNAL_GW_LABEL = "ovn.kubernetes.io/external-gw";
  public static final String READY_CONDITION = "ovn.kubernetes.io/eip-snat-ready";
  public static final String CONFIG_MAP = "ovn-external-gw-config";

  private Annotations() {}

  /** The JSON Pointer (RFC 6901) token of a key: '~' and '/' escaped. */
  public static String pointerToken(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}

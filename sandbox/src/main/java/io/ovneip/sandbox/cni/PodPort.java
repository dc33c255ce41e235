package io.ovneip.sandbox.cni;

import java.util.Objects;

/**
 * A pod's logical switch port as Kube-OVN names and addresses it: {@code <pod>.<namespace>}, with
 * {@code addresses = "MAC IP"} (dual stack: {@code "MAC IPv4 IPv6"}) and {@code
 * external_ids:pod=<namespace>/<pod>}.
 *
 * @param ip6 the pod's IPv6 address on a dual-stack network, or ""
 */
public record PodPort(String namespace, String pod, String mac, String ip, String ip6) {
  public PodPort {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(mac, "mac");
    Objects.requireNonNull(ip, "ip");
    Objects.requireNonNull(ip6, "ip6");
  }

  /** An IPv4-only port. */
  public PodPort(String namespace, String pod, String mac, String ip) {
    this(namespace, pod, mac, ip, "");
  }

  /** Like {@link #of(String, String, String)}, with the pod's IPv6 address too ("" for none). */
  public static PodPort of(String namespace, String pod, String ip, String ip6) {
    PodPort p = of(namespace, pod, ip);
    return new PodPort(namespace, pod, p.mac(), ip, ip6);
  }

  /**
   * A port for the pod with a MAC derived from its IP. Kube-OVN draws MACs at random under the
   * {@code 00:00:00} prefix; deriving them from the (unique) IP keeps them unique within the subnet
   * and makes a restarted sandbox give a pod the same MAC again.
   */
  public static PodPort of(String namespace, String pod, String ip) {
    long a = Ipv4Cidr.parseAddress(ip);
    String mac = String.format("00:00:00:%02x:%02x:%02x", (a >> 16) & 255, (a >> 8) & 255, a & 255);
    return new PodPort(namespace, pod, mac, ip);
  }

  /** {@code <pod>.<namespace>}, the name ovn-controller binds to the pod's OVS interface. */
  public String portName() {
    return pod + "." + namespace;
  }

  /** {@code <namespace>/<pod>}, the owner key used by the pool and in {@code external_ids}. */
  public String podKey() {
    return namespace + "/" + pod;
  }

  /** The port's {@code addresses} entry. */
  public String addresses() {
    return ip6.isEmpty() ? mac + " " + ip : mac + " " + ip + " " + ip6;
  }

  /** The pod's {@code ovn.kubernetes.io/ip_address}: comma-joined on dual stack, as Kube-OVN's. */
  public String ipAnnotation() {
    return ip6.isEmpty() ? ip : ip + "," + ip6;
  }
}

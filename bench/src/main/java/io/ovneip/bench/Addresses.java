package io.ovneip.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's address plan. Everything external sits inside the seed's nic-ip 172.56.0.0/16 and
 * avoids the gateway (.0.1) and the router port (.0.254); each use has its own third-octet range,
 * so no two phases ever claim the same EIP (a claim conflict would be refused, docs/behaviour.md
 * §4.5).
 */
public final class Addresses {
  /** The gateway the reroute policies point to (the seed's external-gw-addr). */
  public static final String GATEWAY = "172.56.0.1";

  /** Pods per shared SNAT address (issue 7). */
  public static final int SNAT_GROUP = 50;

  private static final int PER_OCTET = 250;

  private Addresses() {}

  /** Pod IP {@code i}: 10.16.(1 + i/250).(1 + i%250); fine up to 63,000 pods. */
  public static String podIp(int i) {
    return "10.16." + (1 + i / PER_OCTET) + "." + (1 + i % PER_OCTET);
  }

  /** A locally administered unicast MAC derived from {@code i}. */
  public static String podMac(int i) {
    return String.format("0a:00:00:%02x:%02x:%02x", (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff);
  }

  /**
   * The {@code k}-th address of a range starting at third octet {@code base}: 172.56.(base +
   * k/250).(1 + k%250).
   */
  public static String external(int base, int k) {
    return "172.56." + (base + k / PER_OCTET) + "." + (1 + k % PER_OCTET);
  }

  /** EIP of the k-th EIP pod: third octets 1..40 (up to 10,000 EIP pods). */
  public static String eip(int k) {
    return external(1, k);
  }

  /** SNAT address of group g (50 pods each): third octets 100..109. */
  public static String snat(int g) {
    return external(100, g);
  }

  /** The EIP a steady-state change {@code j} moves a pod to: third octets 120..139. */
  public static String steadyEip(int j) {
    return external(120, j);
  }

  /** Burst EIPs: third octets 140..159. */
  public static String burstEip(int j) {
    return external(140, j);
  }

  /** Burst SNAT addresses (group g): third octets 160..169. */
  public static String burstSnat(int g) {
    return external(160, g);
  }

  /**
   * {@code n} pods starting at index {@code from}: even indices get an EIP, odd ones SNAT, so any
   * contiguous slice is half and half; SNAT pods share an address in groups of 50.
   */
  public static List<BenchPod> pods(int from, int n) {
    List<BenchPod> pods = new ArrayList<>(n);
    for (int i = from; i < from + n; i++) {
      boolean eip = i % 2 == 0;
      String external = eip ? eip(i / 2) : snat((i / 2) / SNAT_GROUP);
      pods.add(new BenchPod(i, "bench-" + i, podIp(i), podMac(i), eip, external));
    }
    return List.copyOf(pods);
  }

  /** Pods carrying only an EIP (the client benchmark's NAT rows). */
  public static List<BenchPod> eipPods(int from, int n) {
    List<BenchPod> pods = new ArrayList<>(n);
    for (int i = from; i < from + n; i++) {
      pods.add(new BenchPod(i, "nat-" + i, podIp(i), podMac(i), true, eip(i)));
    }
    return List.copyOf(pods);
  }
}

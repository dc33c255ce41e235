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

  /**
   * Pod IP {@code i}: 10.16.(1 + i/250).(1 + i%250) up to 63,749 pods, then on into 10.17.x.y and
   * beyond (the pods of 100,000-pod rows outgrow Kube-OVN's default /16; nothing checks the
   * subnet's CIDR, only the port's address, docs/behaviour.md §2.3).
   */
  public static String podIp(int i) {
    int block = 1 + i / PER_OCTET;
    return "10." + (16 + block / 256) + "." + (block % 256) + "." + (1 + i % PER_OCTET);
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

  /** EIP of the k-th EIP pod: third octets 1..200 (up to 50,000 EIP pods). */
  public static String eip(int k) {
    return external(1, k);
  }

  /** SNAT address of group g (50 pods each): third octets 201..204 (up to 50,000 SNAT pods). */
  public static String snat(int g) {
    return external(201, g);
  }

  /** The EIP a steady-state change {@code j} moves a pod to: third octets 205..206 (500). */
  public static String steadyEip(int j) {
    return external(205, j);
  }

  /** Burst EIPs: third octets 207..208 (a burst of up to 1,000 pods). */
  public static String burstEip(int j) {
    return external(207, j);
  }

  /** Burst SNAT addresses (group g): third octet 209. */
  public static String burstSnat(int g) {
    return external(209, g);
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

  /**
   * A cluster of {@code total} pods of which the first {@code nat} carry an EIP or SNAT ({@link
   * #pods}: half and half) and the rest nothing: in a real cluster most pods ask for no NAT, yet
   * each has its port in NB and its object in the API.
   */
  public static List<BenchPod> cluster(int total, int nat) {
    if (nat > total) {
      throw new IllegalArgumentException("more NAT pods (" + nat + ") than pods (" + total + ")");
    }
    List<BenchPod> pods = new ArrayList<>(total);
    pods.addAll(pods(0, nat));
    for (int i = nat; i < total; i++) {
      pods.add(new BenchPod(i, "bench-" + i, podIp(i), podMac(i), false, null));
    }
    return List.copyOf(pods);
  }

  /**
   * (K)'s sample: {@code n} more NAT pods after index {@code from}, half EIP, half SNAT, on
   * addresses of their own (third octets 210..213), so that they never meet the rows written before
   * them.
   */
  public static List<BenchPod> sample(int from, int n) {
    List<BenchPod> pods = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      boolean eip = i % 2 == 0;
      String external = eip ? external(210, i / 2) : external(213, (i / 2) / SNAT_GROUP);
      pods.add(
          new BenchPod(
              from + i, "bench-" + (from + i), podIp(from + i), podMac(from + i), eip, external));
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

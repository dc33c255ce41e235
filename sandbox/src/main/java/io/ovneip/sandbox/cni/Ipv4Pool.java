package io.ovneip.sandbox.cni;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Pod addresses of one subnet, keyed by owner ({@code namespace/name}). Skips the network address,
 * the gateway (.1) and the broadcast address, and hands out the lowest free address, as Kube-OVN's
 * IPAM does, so that a released address is reused first. Thread-safe.
 */
public final class Ipv4Pool {
  private final Ipv4Cidr subnet;
  private final Map<String, Long> byOwner = new HashMap<>();
  private final TreeSet<Long> used = new TreeSet<>();

  public Ipv4Pool(Ipv4Cidr subnet) {
    this.subnet = subnet;
  }

  /** The owner's address: the one it already holds, else the lowest free one. */
  public synchronized String allocate(String owner) {
    Long held = byOwner.get(owner);
    if (held != null) {
      return subnet.hostAddress(held);
    }
    for (long i = 2; i < subnet.size() - 1; i++) {
      if (!used.contains(i)) {
        take(owner, i);
        return subnet.hostAddress(i);
      }
    }
    throw new IllegalStateException("subnet " + subnet + " is exhausted");
  }

  /**
   * Records that {@code owner} holds {@code address} (found in NB or on the pod after a restart).
   * False when the address lies outside the pool or another owner holds it.
   */
  public synchronized boolean reserve(String owner, String address) {
    long i = subnet.indexOf(address);
    if (i < 2 || i >= subnet.size() - 1) {
      return false;
    }
    Long held = byOwner.get(owner);
    if (held != null) {
      return held == i;
    }
    if (used.contains(i)) {
      return false;
    }
    take(owner, i);
    return true;
  }

  /** Frees the owner's address; a no-op for an owner without one. */
  public synchronized void release(String owner) {
    Long held = byOwner.remove(owner);
    if (held != null) {
      used.remove(held);
    }
  }

  public synchronized Optional<String> addressOf(String owner) {
    return Optional.ofNullable(byOwner.get(owner)).map(subnet::hostAddress);
  }

  public synchronized int size() {
    return byOwner.size();
  }

  private void take(String owner, long index) {
    byOwner.put(owner, index);
    used.add(index);
  }
}

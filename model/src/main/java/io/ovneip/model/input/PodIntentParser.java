package io.ovneip.model.input;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Turns {@link PodFacts} into a {@link PodIntent}: docs/behaviour.md §2.3. */
public final class PodIntentParser {
  private PodIntentParser() {}

  public static PodIntent parse(PodFacts facts) {
    List<FieldError> errors = new ArrayList<>();
    List<IpAddress> eips = requested(facts, Annotations.EIP, errors);
    List<IpAddress> snats = requested(facts, Annotations.SNAT, errors);
    Optional<MacAddress> mac = MacAddress.parse(annotation(facts, Annotations.MAC_ADDRESS));
    Readiness r = readiness(facts);
    return new PodIntent(
        facts.pod(),
        facts.uid(),
        facts.creationTimestamp(),
        r.state,
        r.reason,
        r.ips,
        mac,
        eips,
        snats,
        errors);
  }

  private record Readiness(PodIntent.State state, String reason, List<IpAddress> ips) {
    static Readiness not(PodIntent.State state, String reason) {
      return new Readiness(state, reason, List.of());
    }
  }

  private static Readiness readiness(PodFacts facts) {
    if (facts.terminated()) {
      return Readiness.not(PodIntent.State.TERMINATED, "the pod has terminated");
    }
    if (facts.hostNetwork()) {
      return Readiness.not(
          PodIntent.State.HOST_NETWORK,
          "host-network pods have no OVN address: eip and snat do not apply to them");
    }
    if (!facts.scheduled()) {
      return Readiness.not(PodIntent.State.NOT_READY, "not scheduled yet");
    }
    if (!"true".equals(annotation(facts, Annotations.ALLOCATED))) {
      return Readiness.not(PodIntent.State.NOT_READY, "the CNI has not allocated its address yet");
    }
    String ipText = annotation(facts, Annotations.IP_ADDRESS);
    if (ipText.isEmpty()) {
      return Readiness.not(PodIntent.State.NOT_READY, "no IP yet (" + Annotations.IP_ADDRESS + ")");
    }
    Optional<List<IpAddress>> ips = podIps(ipText);
    if (ips.isEmpty()) {
      // Allocated, yet not an address: not a CNI still at work but a bad value (or a hand edit).
      return Readiness.not(
          PodIntent.State.REFUSED,
          Annotations.IP_ADDRESS + " is not one IP or an IPv4,IPv6 pair: \"" + clip(ipText) + "\"");
    }
    Optional<String> refusal = unusable(ips.get()).or(() -> badMac(facts));
    if (refusal.isPresent()) {
      return Readiness.not(PodIntent.State.REFUSED, refusal.get());
    }
    return new Readiness(PodIntent.State.READY, "", ips.get());
  }

  /**
   * A pod address must be a host's unicast address: NAT bound to an unspecified, loopback,
   * link-local, multicast or broadcast address would translate traffic of no pod, or of every pod.
   * The annotation is writable by whoever can create pods, so it is checked like user input.
   */
  private static Optional<String> unusable(List<IpAddress> ips) {
    for (IpAddress ip : ips) {
      String kind =
          ip.isUnspecified()
              ? "unspecified"
              : ip.isLoopback()
                  ? "loopback"
                  : ip.isMulticast()
                      ? "multicast"
                      : ip.isLinkLocalUnicast()
                          ? "link-local"
                          : !ip.isGlobalUnicast() ? "broadcast" : null;
      if (kind != null) {
        return Optional.of(
            Annotations.IP_ADDRESS + ": " + ip.text() + " is " + kind + ", not a pod address");
      }
    }
    return Optional.empty();
  }

  /** A MAC, when the CNI gave one, must be a unicast MAC (a distributed EIP is bound to it). */
  private static Optional<String> badMac(PodFacts facts) {
    String text = annotation(facts, Annotations.MAC_ADDRESS);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Optional<MacAddress> mac = MacAddress.parse(text);
    if (mac.isEmpty()) {
      return Optional.of(Annotations.MAC_ADDRESS + ": \"" + clip(text) + "\" is not a MAC address");
    }
    if (!mac.get().isUnicast()) {
      return Optional.of(
          Annotations.MAC_ADDRESS + ": " + mac.get().text() + " is not a unicast MAC address");
    }
    return Optional.empty();
  }

  /** Quoted values are clipped: an annotation can be 256 KiB, a message must stay bounded. */
  private static String clip(String text) {
    return text.length() <= 64 ? text : text.substring(0, 64) + "...";
  }

  /** One address or a dual-stack pair; IPv4 first. Empty when malformed. */
  static Optional<List<IpAddress>> addressList(String text) {
    String[] parts = text.split(",", -1);
    if (parts.length > 2) {
      return Optional.empty();
    }
    List<IpAddress> out = new ArrayList<>();
    for (String p : parts) {
      Optional<IpAddress> a = IpAddress.parse(p.strip());
      if (a.isEmpty()) {
        return Optional.empty();
      }
      out.add(a.get());
    }
    if (out.size() == 2 && out.get(0).family() == out.get(1).family()) {
      return Optional.empty();
    }
    out.sort(Comparator.comparing(IpAddress::family));
    return Optional.of(List.copyOf(out));
  }

  private static Optional<List<IpAddress>> podIps(String text) {
    return addressList(text);
  }

  /**
   * The addresses of an {@code eip}/{@code snat} annotation. An empty value is no request, as in
   * the reference.
   */
  private static List<IpAddress> requested(PodFacts facts, String key, List<FieldError> errors) {
    String text = annotation(facts, key);
    if (text.isEmpty()) {
      return List.of();
    }
    Optional<List<IpAddress>> list = addressList(text);
    if (list.isEmpty()) {
      errors.add(
          new FieldError(key, "\"" + clip(text) + "\" is not one IP address or an IPv4,IPv6 pair"));
      return List.of();
    }
    return list.get();
  }

  private static String annotation(PodFacts facts, String key) {
    String v = facts.annotations().get(key);
    return v == null ? "" : v.strip();
  }
}

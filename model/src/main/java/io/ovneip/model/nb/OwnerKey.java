package io.ovneip.model.nb;

import io.ovneip.model.input.PodRef;
import java.util.Objects;
import java.util.Optional;

/**
 * Who a row belongs to, stored as {@code external_ids:ovn-eip-owner} (docs/behaviour.md §3): {@code
 * gateway}, or {@code pod/<namespace>/<name>}. Any other non-empty value read from the database is
 * still ours (someone edited our key): it is never desired, so such rows are removed.
 */
public record OwnerKey(String value) implements Comparable<OwnerKey> {
  // Explicit rather than generated: records' generated equals/hashCode go through method handles
  // that the C1 compiler does not inline, and these keys are hashed by the thousand per update.
  @Override
  public boolean equals(Object o) {
    return o == this || (o instanceof OwnerKey k && value.equals(k.value));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  public static final OwnerKey GATEWAY = new OwnerKey("gateway");
  private static final String POD_PREFIX = "pod/";

  public OwnerKey {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("empty owner key");
    }
  }

  public static OwnerKey pod(PodRef pod) {
    return new OwnerKey(POD_PREFIX + pod.namespace() + "/" + pod.name());
  }

  /** The key of a stored value; empty for null or "" (not ours). */
  public static Optional<OwnerKey> parse(String value) {
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(new OwnerKey(value));
  }

  public boolean isGateway() {
    return equals(GATEWAY);
  }

  /** The pod of a {@code pod/<namespace>/<name>} key. */
  public Optional<PodRef> pod() {
    if (!value.startsWith(POD_PREFIX)) {
      return Optional.empty();
    }
    String rest = value.substring(POD_PREFIX.length());
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1 || rest.indexOf('/', slash + 1) >= 0) {
      return Optional.empty();
    }
    return Optional.of(new PodRef(rest.substring(0, slash), rest.substring(slash + 1)));
  }

  @Override
  public int compareTo(OwnerKey o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}

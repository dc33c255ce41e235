package io.ovneip.model.ovs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The value of {@code Open_vSwitch.external_ids:ovn-bridge-mappings}: a comma list of {@code
 * <network>:<bridge>} entries that ovn-controller reads to attach localnet ports. Entries the agent
 * does not own are kept verbatim (trimmed), in their order; an entry that does not parse is kept as
 * it is, since it is not ours to judge.
 */
public record BridgeMappings(List<String> entries) {
  public static final String KEY = "ovn-bridge-mappings";

  public BridgeMappings {
    entries = List.copyOf(entries);
  }

  /** Parses a value; {@code null} (key absent) is the empty list. */
  public static BridgeMappings parse(String value) {
    List<String> entries = new ArrayList<>();
    if (value != null) {
      for (String part : value.split(",", -1)) {
        String trimmed = part.trim();
        if (!trimmed.isEmpty()) {
          entries.add(trimmed);
        }
      }
    }
    return new BridgeMappings(entries);
  }

  public static String entry(String network, String bridge) {
    return network + ":" + bridge;
  }

  public boolean contains(String network, String bridge) {
    return entries.contains(entry(network, bridge));
  }

  /** The bridge the first entry for {@code network} names, if any. */
  public Optional<String> bridgeOf(String network) {
    for (String e : entries) {
      if (network.equals(networkOf(e))) {
        return Optional.of(e.substring(e.indexOf(':') + 1).trim());
      }
    }
    return Optional.empty();
  }

  /** Sets {@code network}'s bridge: replaces its entry in place, or appends one. */
  public BridgeMappings with(String network, String bridge) {
    List<String> out = new ArrayList<>();
    boolean placed = false;
    for (String e : entries) {
      if (!network.equals(networkOf(e))) {
        out.add(e);
      } else if (!placed) {
        out.add(entry(network, bridge));
        placed = true;
      }
    }
    if (!placed) {
      out.add(entry(network, bridge));
    }
    return new BridgeMappings(out);
  }

  /** Removes exactly the entry {@code network:bridge}; an entry naming another bridge stays. */
  public BridgeMappings without(String network, String bridge) {
    String ours = entry(network, bridge);
    return new BridgeMappings(entries.stream().filter(e -> !e.equals(ours)).toList());
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The value to write: entries joined with commas, as ovs-vsctl users write them. */
  public String render() {
    return String.join(",", entries);
  }

  private static String networkOf(String entry) {
    int colon = entry.indexOf(':');
    return colon < 0 ? null : entry.substring(0, colon).trim();
  }
}

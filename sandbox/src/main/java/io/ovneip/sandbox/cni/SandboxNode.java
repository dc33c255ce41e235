package io.ovneip.sandbox.cni;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A node of the sandbox: its name, its OVS system-id (= its Southbound chassis name) and the
 * address of its Geneve encap.
 */
public record SandboxNode(String name, String systemId, String encapIp) {
  public SandboxNode {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(systemId, "systemId");
    Objects.requireNonNull(encapIp, "encapIp");
  }

  /**
   * The first {@code count} nodes of a kind-made Kube-OVN cluster: {@code kube-ovn-control-plane},
   * {@code kube-ovn-worker}, {@code kube-ovn-worker2}, {@code kube-ovn-worker3}, ... The system-id
   * is derived from the name (stable across restarts of the sandbox, unique per node); each node
   * gets its own loopback encap address because the Southbound schema indexes Encap by (type, ip).
   */
  public static List<SandboxNode> kindCluster(int count) {
    if (count < 1 || count > 200) {
      throw new IllegalArgumentException("node count must be 1..200, got " + count);
    }
    List<SandboxNode> nodes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name =
          i == 0 ? "kube-ovn-control-plane" : i == 1 ? "kube-ovn-worker" : "kube-ovn-worker" + i;
      String systemId =
          UUID.nameUUIDFromBytes(("ovn-eip-sandbox/" + name).getBytes(StandardCharsets.UTF_8))
              .toString();
      nodes.add(new SandboxNode(name, systemId, "127.0.0." + (i + 1)));
    }
    return List.copyOf(nodes);
  }
}

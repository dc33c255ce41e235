package io.ovneip.sandbox;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a ready sandbox serves, written to and read back from its {@code ready} file: the Kubernetes
 * API, NB, SB, each node's Open_vSwitch DB ({@code ovs/<node>=...} lines, in node order) and, with
 * a dataplane, the gateway node's real Open_vSwitch DB and the outside host's network namespace;
 * and where {@code sandbox fault} reaches the sandbox ({@code faults=http://127.0.0.1:PORT}).
 */
record Endpoints(
    String kubeApi,
    String nb,
    String sb,
    Map<String, String> ovsDbs,
    Optional<String> dataplaneOvsDb,
    Optional<String> outsideNetns,
    Optional<String> faults) {
  private static final String OVS_DB = "dataplane-ovs-db";
  private static final String OUTSIDE = "outside-netns";
  private static final String FAULTS = "faults";

  Endpoints {
    Objects.requireNonNull(kubeApi, "kubeApi");
    Objects.requireNonNull(nb, "nb");
    Objects.requireNonNull(sb, "sb");
    ovsDbs = Collections.unmodifiableMap(new LinkedHashMap<>(ovsDbs));
    Objects.requireNonNull(dataplaneOvsDb, "dataplaneOvsDb");
    Objects.requireNonNull(outsideNetns, "outsideNetns");
    Objects.requireNonNull(faults, "faults");
  }

  /** The {@code ready} file's content: one {@code key=value} a line. */
  String text() {
    StringBuilder s = new StringBuilder("kube-api=%s%nnb=%s%nsb=%s%n".formatted(kubeApi, nb, sb));
    ovsDbs.forEach(
        (node, remote) -> s.append("ovs/").append(node).append('=').append(remote).append('\n'));
    dataplaneOvsDb.ifPresent(db -> s.append(OVS_DB).append('=').append(db).append('\n'));
    outsideNetns.ifPresent(ns -> s.append(OUTSIDE).append('=').append(ns).append('\n'));
    faults.ifPresent(f -> s.append(FAULTS).append('=').append(f).append('\n'));
    return s.toString();
  }

  static Endpoints read(SandboxLayout layout) {
    Map<String, String> kv = new HashMap<>();
    Map<String, String> ovs = new LinkedHashMap<>();
    SandboxLauncher.readOrEmpty(layout.ready())
        .lines()
        .filter(l -> l.contains("="))
        .forEach(
            l -> {
              String k = l.substring(0, l.indexOf('='));
              String v = l.substring(l.indexOf('=') + 1);
              if (k.startsWith("ovs/")) {
                ovs.put(k.substring(4), v);
              } else {
                kv.put(k, v);
              }
            });
    if (!kv.containsKey("nb") || !kv.containsKey("sb") || !kv.containsKey("kube-api")) {
      throw new SandboxLauncher.SandboxException("no ready sandbox in " + layout.dir());
    }
    return new Endpoints(
        kv.get("kube-api"),
        kv.get("nb"),
        kv.get("sb"),
        ovs,
        Optional.ofNullable(kv.get(OVS_DB)),
        Optional.ofNullable(kv.get(OUTSIDE)),
        Optional.ofNullable(kv.get(FAULTS)));
  }
}

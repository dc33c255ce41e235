package io.ovneip.sandbox;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a ready sandbox serves, read back from its {@code ready} file: the Kubernetes API, NB, SB,
 * and each node's Open_vSwitch DB ({@code ovs/<node>=...} lines), in node order.
 */
record Endpoints(String kubeApi, String nb, String sb, Map<String, String> ovsDbs) {
  Endpoints {
    ovsDbs = Collections.unmodifiableMap(new LinkedHashMap<>(ovsDbs));
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
    return new Endpoints(kv.get("kube-api"), kv.get("nb"), kv.get("sb"), ovs);
  }
}

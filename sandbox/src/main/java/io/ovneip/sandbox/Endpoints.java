package io.ovneip.sandbox;

import java.util.HashMap;
import java.util.Map;

/** What a ready sandbox serves, read back from its {@code ready} file. */
record Endpoints(String kubeApi, String nb, String sb) {

  static Endpoints read(SandboxLayout layout) {
    Map<String, String> kv = new HashMap<>();
    SandboxLauncher.readOrEmpty(layout.ready())
        .lines()
        .filter(l -> l.contains("="))
        .forEach(l -> kv.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
    if (!kv.containsKey("nb") || !kv.containsKey("sb") || !kv.containsKey("kube-api")) {
      throw new SandboxLauncher.SandboxException("no ready sandbox in " + layout.dir());
    }
    return new Endpoints(kv.get("kube-api"), kv.get("nb"), kv.get("sb"));
  }
}

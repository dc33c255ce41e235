package io.ovneip.sandbox;

import java.nio.file.Files;

/** What {@code up} prints once the sandbox is ready: where things are and how to use them. */
final class Summary {
  private Summary() {}

  static String of(SandboxLayout layout) {
    StringBuilder s = new StringBuilder();
    s.append("sandbox is up in ").append(layout.dir()).append('\n');
    SandboxLauncher.readOrEmpty(layout.ready())
        .lines()
        .forEach(l -> s.append("  ").append(l.replaceFirst("=", ": ")).append('\n'));
    s.append("use it:  . ").append(layout.env()).append("; kubectl get nodes; ovn-nbctl show\n");
    if (Files.exists(layout.dataplaneMarker())) {
      s.append("packets: ip netns exec $OVN_EIP_OUTSIDE_NETNS ping <EIP>;")
          .append(" ip netns exec $(ovn-eip sandbox netns default/POD --dir ")
          .append(layout.dir())
          .append(") ip addr; ovs-vsctl --db=$OVS_DB show\n");
    }
    String prometheus = SandboxLauncher.readOrEmpty(layout.prometheus().resolve("url")).strip();
    if (!prometheus.isEmpty()) {
      s.append("metrics: ")
          .append(prometheus)
          .append(" (Prometheus: alerts at /alerts, rules and dashboard in ")
          .append(layout.prometheus())
          .append(")\n");
    }
    s.append("logs:    ").append(layout.logs()).append('\n');
    s.append("stop it: ovn-eip sandbox down --dir ").append(layout.dir()).append('\n');
    return s.toString();
  }
}

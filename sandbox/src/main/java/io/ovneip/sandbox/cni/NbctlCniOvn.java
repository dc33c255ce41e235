package io.ovneip.sandbox.cni;

import io.ovneip.sandbox.exec.CommandRunner;
import io.ovneip.testkit.Binaries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link CniOvn} through the real {@code ovn-nbctl} and {@code ovn-sbctl}, each call one OVSDB
 * transaction. The stand-in plays Kube-OVN, a separate program, so it deliberately does not share
 * the product's OVSDB client: what it writes is exactly what the stock tools write.
 */
public final class NbctlCniOvn implements CniOvn {
  /** Kube-OVN marks what it creates with this; our controller must leave such rows alone. */
  static final String VENDOR = "vendor=kube-ovn";

  private final String nbRemote;
  private final String sbRemote;
  private final CommandRunner runner;
  private final Duration timeout;

  public NbctlCniOvn(String nbRemote, String sbRemote, CommandRunner runner, Duration timeout) {
    this.nbRemote = nbRemote;
    this.sbRemote = sbRemote;
    this.runner = runner;
    this.timeout = timeout;
  }

  @Override
  public void ensureBaseTopology(ClusterNetwork n) {
    String lrp = n.routerPortName();
    String lsp = n.switchRouterPortName();
    List<String> args = new ArrayList<>(base(n, lrp, lsp));
    if (n.dualStack()) {
      // Kube-OVN's dual-stack install: the router port holds both gateways, the switch knows its
      // IPv6 prefix, and the in-cluster allow policy exists per family.
      args.addAll(
          List.of(
              "--",
              "set",
              "Logical_Switch",
              n.switchName(),
              "other_config:ipv6_prefix=" + n.prefix6() + "::",
              "--",
              "set",
              "Logical_Router_Port",
              lrp,
              "networks=[\""
                  + n.gatewayIp()
                  + "/"
                  + n.subnet().prefix()
                  + "\",\""
                  + n.gatewayIp6()
                  + "/64\"]",
              "--",
              "--may-exist",
              "lr-policy-add",
              n.routerName(),
              "31000",
              n.inClusterMatch6(),
              "allow"));
    }
    nbctl(args.toArray(String[]::new));
  }

  private static List<String> base(ClusterNetwork n, String lrp, String lsp) {
    return List.of(
        "--may-exist",
        "lr-add",
        n.routerName(),
        "--",
        "set",
        "Logical_Router",
        n.routerName(),
        "external_ids:" + VENDOR,
        "--",
        "--may-exist",
        "ls-add",
        n.switchName(),
        "--",
        "set",
        "Logical_Switch",
        n.switchName(),
        "other_config:subnet=" + n.subnet(),
        "other_config:exclude_ips=" + n.gatewayIp(),
        "external_ids:" + VENDOR,
        "--",
        "--may-exist",
        "lrp-add",
        n.routerName(),
        lrp,
        n.routerPortMac(),
        n.gatewayIp() + "/" + n.subnet().prefix(),
        "--",
        "--may-exist",
        "lsp-add",
        n.switchName(),
        lsp,
        "--",
        "lsp-set-type",
        lsp,
        "router",
        "--",
        "lsp-set-addresses",
        lsp,
        "router",
        "--",
        "lsp-set-options",
        lsp,
        "router-port=" + lrp,
        // Kube-OVN's "destination inside the cluster" policy; the controller's 29250 reroutes
        // must sit below it so that east-west traffic is never sent to the gateway
        // (docs/behaviour.md §7).
        "--",
        "--may-exist",
        "lr-policy-add",
        n.routerName(),
        "31000",
        n.inClusterMatch(),
        "allow");
  }

  @Override
  public void ensureChassis(String systemId, String hostname, String encapIp) {
    sbctl(
        "--may-exist",
        "chassis-add",
        systemId,
        "geneve",
        encapIp,
        "--",
        "set",
        "Chassis",
        systemId,
        "hostname=" + hostname);
  }

  @Override
  public List<PodPort> podPorts(ClusterNetwork n) {
    String csv =
        nbctl(
            "--format=csv",
            "--data=bare",
            "--no-headings",
            "--columns=name,addresses,external_ids",
            "find",
            "Logical_Switch_Port",
            "external_ids:ls=" + n.switchName());
    List<PodPort> ports = new ArrayList<>();
    for (String line : csv.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      // name,"MAC IP",k=v k=v: pod names, MACs, IPs and our keys hold neither commas nor spaces.
      String[] f = line.split(",", 3);
      Map<String, String> ids = keyValues(f.length > 2 ? f[2] : "");
      String[] addr = f.length > 1 ? f[1].trim().split("\\s+") : new String[0];
      String pod = ids.get("pod");
      if (pod == null || !pod.contains("/") || addr.length < 2) {
        continue;
      }
      String ns = pod.substring(0, pod.indexOf('/'));
      String name = pod.substring(pod.indexOf('/') + 1);
      ports.add(new PodPort(ns, name, addr[0], addr[1], addr.length > 2 ? addr[2] : ""));
    }
    return ports;
  }

  @Override
  public void ensurePodPort(ClusterNetwork n, PodPort p) {
    String name = p.portName();
    nbctl(
        "--may-exist",
        "lsp-add",
        n.switchName(),
        name,
        "--",
        "lsp-set-addresses",
        name,
        p.addresses(),
        "--",
        "set",
        "Logical_Switch_Port",
        name,
        "external_ids:pod=" + p.podKey(),
        "external_ids:ls=" + n.switchName(),
        "external_ids:" + VENDOR);
  }

  @Override
  public void deletePodPort(ClusterNetwork n, String portName) {
    nbctl("--if-exists", "lsp-del", portName);
  }

  private static Map<String, String> keyValues(String bare) {
    Map<String, String> m = new HashMap<>();
    for (String kv : bare.trim().split("\\s+")) {
      int eq = kv.indexOf('=');
      if (eq > 0) {
        m.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
    }
    return m;
  }

  private String nbctl(String... args) {
    return ctl("ovn-nbctl", nbRemote, args);
  }

  private String sbctl(String... args) {
    return ctl("ovn-sbctl", sbRemote, args);
  }

  private String ctl(String binary, String remote, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Binaries.require(binary).toString());
    cmd.add("--db=" + remote);
    // The tool's own timeout makes it give up on an unreachable server; ours is the backstop.
    cmd.add("--timeout=" + timeout.toSeconds());
    cmd.addAll(List.of(args));
    return runner.run(timeout.plusSeconds(5), cmd).orThrow();
  }
}

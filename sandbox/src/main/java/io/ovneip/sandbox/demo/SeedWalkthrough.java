package io.ovneip.sandbox.demo;

import io.ovneip.sandbox.exec.CommandResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The user's document, step by step, on a running sandbox: the ConfigMap, the OVN-NB view of the
 * gateway, the two pods with SNAT and EIP, the NAT rules, and the EIP change with {@code kubectl
 * annotate ... --overwrite} and {@code routed-}. Every command is a real {@code kubectl} or {@code
 * ovn-nbctl} run; every view is checked against what the document says it should show. With a
 * dataplane, packets are checked too ({@link WireSteps}).
 */
public final class SeedWalkthrough {
  static final String GATEWAY_NODE = "kube-ovn-worker";
  static final String NIC = "eth1";
  static final String NIC_MAC = "16:52:f3:13:6a:25";
  static final String NIC_IP = "172.56.0.254/16";
  static final String GATEWAY_IP = "172.56.0.1";
  static final String SNAT_IP = "172.56.0.200";
  static final String EIP = "172.56.0.233";
  static final String NEW_EIP = "172.56.0.221";
  private final Tools tools;
  private final Tutorial t;
  private final DemoTarget target;

  private SeedWalkthrough(Tools tools) {
    this.tools = tools;
    this.t = tools.tutorial();
    this.target = tools.target();
  }

  /**
   * Walks the document on the sandbox {@code target}, printing to {@code out}; returns the number
   * of checks that held, or throws {@link StepFailedException} at the first one that did not.
   */
  public static int run(PrintStream out, DemoTarget target) {
    Tools tools = Tools.forTarget(out, target);
    new SeedWalkthrough(tools).walk();
    return tools.tutorial().checks();
  }

  /** Runs every step; throws {@link StepFailedException} at the first one that does not hold. */
  private void walk() {
    cluster();
    String chassis = gatewayConfig();
    gatewayView(chassis);
    new AgentSteps(tools).run(GATEWAY_NODE, NIC);
    Map<String, String> ips = pods();
    natView(ips);
    Optional<String> outside = target.outsideNetns();
    if (outside.isEmpty()) {
      changeEip(ips.get("pod-eip"));
      return;
    }
    try (WireSteps wire = new WireSteps(tools, outside.get())) {
      wire.beforeChange(ips.get("pod-snat"), ips.get("pod-eip"));
      changeEip(ips.get("pod-eip"));
      wire.afterChange(ips.get("pod-eip"));
    }
  }

  private void cluster() {
    t.step("The cluster: three nodes, each registered as an OVN chassis");
    String nodes = tools.kubectl("get", "nodes", "-o", "name").output();
    for (String n : new String[] {"kube-ovn-control-plane", GATEWAY_NODE, "kube-ovn-worker2"}) {
      t.check(nodes.contains("node/" + n), "node " + n + " exists");
    }
  }

  private String gatewayConfig() {
    t.step("Create the ConfigMap ovn-external-gw-config in kube-system");
    Path cm = resource("ovn-external-gw-config.yaml");
    tools.run("cat", cm.toString());
    tools.kubectl("apply", "-f", cm.toString());
    String chassis =
        tools
            .kubectl(
                "get",
                "node",
                GATEWAY_NODE,
                "-o",
                "jsonpath={.metadata.annotations.ovn\\.kubernetes\\.io/chassis}")
            .output()
            .strip();
    t.say("(" + GATEWAY_NODE + " is chassis " + chassis + ")");
    t.check(!chassis.isEmpty(), "the gateway node carries its chassis annotation");
    return chassis;
  }

  private void gatewayView(String chassis) {
    t.step("Check OVN-NB: switch external, and the router port's address, MAC and chassis");
    t.await(
        target.changeTimeout(),
        "the controller to create the gateway port",
        () ->
            Optional.of(NbShow.parse(tools.nbctlQuietly("show")))
                .filter(s -> !s.port("router", "ovn-cluster", "ovn-cluster-external").isEmpty()));
    NbShow show = NbShow.parse(tools.nbctl("show").output());
    Map<String, String> localnet = show.port("switch", "external", "localnet.external");
    t.check(show.find("switch", "external").isPresent(), "switch external");
    t.check(
        "localnet".equals(localnet.get("type"))
            && "[\"unknown\"]".equals(localnet.get("addresses")),
        "port localnet.external with type: localnet, addresses: [\"unknown\"]");
    Map<String, String> lsp = show.port("switch", "external", "external-ovn-cluster");
    t.check(
        "router".equals(lsp.get("type")) && "ovn-cluster-external".equals(lsp.get("router-port")),
        "port external-ovn-cluster with type: router, router-port: ovn-cluster-external");
    Map<String, String> lrp = show.port("router", "ovn-cluster", "ovn-cluster-external");
    t.check(("\"" + NIC_MAC + "\"").equals(lrp.get("mac")), "router port mac: \"" + NIC_MAC + "\"");
    t.check(
        ("[\"" + NIC_IP + "\"]").equals(lrp.get("networks")),
        "router port networks: [\"" + NIC_IP + "\"]");
    t.check(
        ("[" + chassis + "]").equals(lrp.get("gateway chassis")),
        "router port gateway chassis: [" + chassis + "] (" + GATEWAY_NODE + ")");
    // The label follows the commit (status is published after the transaction): wait for it.
    t.await(
        target.changeTimeout(),
        "the controller to label " + GATEWAY_NODE,
        () -> {
          CommandResult r =
              tools.kubectlQuietly("get", "nodes", "-l", "ovn-eip.io/gateway=true", "-o", "name");
          return r.ok() && !r.output().isBlank() ? Optional.of(r) : Optional.empty();
        });
    String gw =
        tools.kubectl("get", "nodes", "-l", "ovn-eip.io/gateway=true", "-o", "name").output();
    t.check(
        gw.strip().equals("node/" + GATEWAY_NODE),
        "only " + GATEWAY_NODE + " is labelled ovn-eip.io/gateway=true (our own domain)");
    String kubeOvns =
        tools.kubectl("get", "nodes", "-l", "ovn.kubernetes.io/external-gw", "-o", "name").output();
    t.check(
        kubeOvns.isBlank(),
        "no node carries ovn.kubernetes.io/external-gw (kube-ovn-cni's trigger; never written)");
  }

  private Map<String, String> pods() {
    t.step("Create pod-snat (ovn.kubernetes.io/snat) and pod-eip (ovn.kubernetes.io/eip)");
    Path pods = resource("pods.yaml");
    tools.run("cat", pods.toString());
    tools.kubectl("apply", "-f", pods.toString());
    t.say("Waiting for ovn-eip's condition ovn-eip.io/ready and annotation ovn-eip.io/applied ...");
    String snatIp = awaitApplied("pod-snat", "snat=" + SNAT_IP);
    String eipIp = awaitApplied("pod-eip", "eip=" + EIP);
    awaitRouted("pod-snat");
    awaitRouted("pod-eip");
    tools.kubectl(
        "get",
        "pods",
        "-o",
        "jsonpath={range .items[*]}{.metadata.name}{\"\\t\"}"
            + "{.metadata.annotations.ovn\\.kubernetes\\.io/ip_address}{\"\\t\"}"
            + "ready={.status.conditions[?(@.type==\"ovn-eip.io/ready\")].status}{\"\\t\"}"
            + "applied={.metadata.annotations.ovn-eip\\.io/applied}{\"\\t\"}"
            + "routed={.metadata.annotations.ovn\\.kubernetes\\.io/routed}{\"\\n\"}{end}");
    return Map.of("pod-snat", snatIp, "pod-eip", eipIp);
  }

  /**
   * Waits for ovn-eip's proof that {@code applied} is in effect: the condition {@code
   * ovn-eip.io/ready=True} and the annotation {@code ovn-eip.io/applied}; returns the pod's IP.
   */
  private String awaitApplied(String pod, String applied) {
    String path =
        "jsonpath={.status.conditions[?(@.type==\"ovn-eip.io/ready\")].status}"
            + " {.metadata.annotations.ovn-eip\\.io/applied}"
            + " {.metadata.annotations.ovn\\.kubernetes\\.io/ip_address}";
    String[] v =
        t.await(
            target.changeTimeout(),
            pod + " to show ovn-eip.io/applied=" + applied,
            () -> {
              CommandResult r = tools.kubectlQuietly("get", "pod", pod, "-o", path);
              String[] f = r.output().strip().split(" ");
              return r.ok() && f.length == 3 && f[0].equals("True") && f[1].equals(applied)
                  ? Optional.of(f)
                  : Optional.empty();
            });
    t.check(
        true,
        pod
            + " has condition ovn-eip.io/ready=True and ovn-eip.io/applied="
            + applied
            + " (IP "
            + v[2]
            + ")");
    return v[2];
  }

  /** Waits for {@code routed=true}: Kube-OVN's (here the CNI stand-in's), not ovn-eip's. */
  private void awaitRouted(String pod) {
    t.await(
        target.changeTimeout(),
        pod + " to carry Kube-OVN's routed",
        () -> {
          CommandResult r =
              tools.kubectlQuietly(
                  "get",
                  "pod",
                  pod,
                  "-o",
                  "jsonpath={.metadata.annotations.ovn\\.kubernetes\\.io/routed}");
          return r.ok() && r.output().strip().equals("true") ? Optional.of(r) : Optional.empty();
        });
    t.check(true, pod + " has ovn.kubernetes.io/routed=true (Kube-OVN's route step, not ours)");
  }

  private void natView(Map<String, String> ips) {
    t.step("Check the NAT rules and the reroute policies in OVN-NB");
    NbShow show = NbShow.parse(tools.nbctl("show").output());
    t.check(
        show.nats("ovn-cluster").contains(new NatList.Nat("snat", SNAT_IP, ips.get("pod-snat"))),
        "ovn-nbctl show lists nat snat " + SNAT_IP + " -> " + ips.get("pod-snat"));
    NatList nats = NatList.parse(tools.nbctl("lr-nat-list", "ovn-cluster").output());
    t.check(
        nats.has("snat", SNAT_IP, ips.get("pod-snat")),
        "snat " + SNAT_IP + " -> " + ips.get("pod-snat") + " (pod-snat)");
    t.check(
        nats.has("dnat_and_snat", EIP, ips.get("pod-eip")),
        "dnat_and_snat " + EIP + " -> " + ips.get("pod-eip") + " (pod-eip)");
    String policies = tools.nbctl("lr-policy-list", "ovn-cluster").output();
    for (String ip : ips.values()) {
      t.check(
          policies.matches(
              "(?s).*29260\\s+ip4\\.src == "
                  + ip.replace(".", "\\.")
                  + "\\s+reroute\\s+"
                  + GATEWAY_IP.replace(".", "\\.")
                  + "\\b.*"),
          "policy 29260 ip4.src == " + ip + " reroute " + GATEWAY_IP + " (a priority of our own)");
    }
    t.check(
        policies.matches("(?s).*31000\\s+ip4\\.dst == 10\\.16\\.0\\.0/16\\s+allow.*"),
        "Kube-OVN's 31000 in-cluster allow policy stays above the reroutes");
  }

  private void changeEip(String podIp) {
    t.step("Change the EIP of pod-eip to " + NEW_EIP + ", as the document does");
    tools.kubectl("annotate", "pod", "pod-eip", "ovn.kubernetes.io/eip=" + NEW_EIP, "--overwrite");
    tools.kubectl("annotate", "pod", "pod-eip", "ovn.kubernetes.io/routed-");
    t.say("Kube-OVN sets routed again; ovn-eip's annotation names the new EIP ...");
    awaitRouted("pod-eip");
    awaitApplied("pod-eip", "eip=" + NEW_EIP);
    t.await(
        target.changeTimeout(),
        "the NAT list to show " + NEW_EIP + " instead of " + EIP,
        () -> {
          NatList n = NatList.parse(tools.nbctlQuietly("lr-nat-list", "ovn-cluster"));
          return n.has("dnat_and_snat", NEW_EIP, podIp) && !n.hasExternal(EIP)
              ? Optional.of(n)
              : Optional.empty();
        });
    NatList nats = NatList.parse(tools.nbctl("lr-nat-list", "ovn-cluster").output());
    t.check(nats.has("dnat_and_snat", NEW_EIP, podIp), "dnat_and_snat " + NEW_EIP + " -> " + podIp);
    t.check(!nats.hasExternal(EIP), "no NAT rule for the old EIP " + EIP + " is left");
    t.check(nats.rows().size() == 2, "exactly two NAT rules (" + nats.rows() + ")");
  }

  /** Copies a YAML file of the document next to the sandbox, so the user can apply it again. */
  private Path resource(String name) {
    try (InputStream in = SeedWalkthrough.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      Files.createDirectories(target.files());
      Path file = target.files().resolve(name);
      Files.writeString(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

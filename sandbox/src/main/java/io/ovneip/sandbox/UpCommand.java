package io.ovneip.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ovn-eip sandbox up --dir DIR [--nodes N] [--nb-cluster N] [--controllers N] [--dataplane]
 * [--no-controller] [--prometheus] [--plain-cni] [--dual-stack]}.
 */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Start a sandbox in DIR and return when it is ready; it keeps running in the background.",
      "Writes DIR/kubeconfig and DIR/env (then: . DIR/env; kubectl get nodes; ovn-nbctl show).",
      "Stop it with: ovn-eip sandbox down --dir DIR"
    })
final class UpCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--dir", required = true, description = "Directory for all of its files.")
  Path dir;

  @Option(
      names = "--nodes",
      defaultValue = "3",
      description =
          "Number of nodes: kube-ovn-control-plane, kube-ovn-worker, kube-ovn-worker2, ..."
              + " (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Option(
      names = "--api-port",
      defaultValue = "0",
      description = "Port of the Kubernetes API on 127.0.0.1 (default: any free port).")
  int apiPort;

  @Option(
      names = "--dataplane",
      description = {
        "Also carry real packets: every node is a chassis in its own network namespace (mn-nI:"
            + " ovs-vswitchd with the userspace datapath, ovn-controller), joined by Geneve; every"
            + " node's NIC eth1 is on the external network with the outside host (netns"
            + " mn-outside, 172.56.0.1/16); every pod is a network namespace on its node's br-int.",
        "Needs root and openvswitch-switch ovn-host tcpdump iputils-ping ethtool netcat-openbsd;"
            + " one per machine, at most 9 nodes. Faults: sandbox fault node-crash NODE, ..."
      })
  boolean dataplane;

  @Option(
      names = "--nb-cluster",
      defaultValue = "1",
      description = {
        "Run the Northbound DB as a RAFT cluster of this many members on loopback (1..7; 1, the"
            + " default, is one standalone server). DIR/env then sets OVN_NB_DB to the comma"
            + " list of every member, and the controllers connect with that list."
      })
  int nbCluster;

  @Option(
      names = "--controllers",
      defaultValue = "1",
      description = {
        "Controller replicas (0..5, default ${DEFAULT-VALUE}; 0 is --no-controller), each its own JVM with its own"
            + " identity (sandbox-controller-N), competing for the Lease"
            + " kube-system/ovn-eip-controller as a Deployment's replicas do."
      })
  int controllers;

  @Option(
      names = "--no-controller",
      description = {
        "Do not run ovn-eip's controller: bring your own against DIR/env (OVN_NB_DB, OVN_SB_DB,"
            + " KUBECONFIG), e.g. the image's (scripts/image)."
      })
  boolean noController;

  @Option(
      names = "--prometheus",
      description = {
        "Also run a Prometheus (Debian's package prometheus) on 127.0.0.1 scraping the controller"
            + " and the node agents every 2 s, with the alerts of deploy/monitoring loaded.",
        "Its address is OVN_EIP_PROMETHEUS_URL in DIR/env; its files are in DIR/prometheus."
      })
  boolean prometheus;

  @Option(
      names = "--plain-cni",
      description = {
        "A plain CNI stand-in: it writes no ovn.kubernetes.io/routed and the API serves no"
            + " kubeovn.io resources, so ovn-eip sets routed itself (as beside another CNI).",
        "Without it the stand-in behaves like kube-ovn-controller: routed=true on every allocated"
            + " pod, again at once when removed, and a Vpc ovn-cluster."
      })
  boolean plainCni;

  @Option(
      names = "--dual-stack",
      description = {
        "A dual-stack pod network and external network, as a dual-stack Kube-OVN: the CNI"
            + " stand-in gives every pod 10.16.0.N and fd00:10:16::N (ip_address \"v4,v6\", both"
            + " on its port), the router port gets fd00:10:16::1/64 too, and with --dataplane the"
            + " outside host holds 172.56.0.1/16 and fd00:172:56::1/64.",
        "Pair it with a ConfigMap of v4,v6 pairs:"
            + " deploy/overlays/sandbox/gateway-config-dual-stack.yaml."
      })
  boolean dualStack;

  @Option(
      names = "--timeout",
      defaultValue = "PT2M",
      description = "How long to wait for it to be ready, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() {
    if (nodes < 1 || nodes > 200) {
      spec.commandLine().getErr().println("--nodes must be 1..200, got " + nodes);
      return 2;
    }
    if (dataplane && nodes < 2) {
      spec.commandLine()
          .getErr()
          .println(
              "--dataplane is for the gateway node "
                  + SandboxConfig.GATEWAY_NODE
                  + ": it needs --nodes 2 or more");
      return 2;
    }
    if (nbCluster < 1 || nbCluster > 7 || controllers < 0 || controllers > 5) {
      spec.commandLine().getErr().println("--nb-cluster must be 1..7 and --controllers 0..5");
      return 2;
    }
    SandboxLayout layout = new SandboxLayout(dir);
    try {
      new SandboxLauncher(System.out)
          .up(
              layout,
              new SandboxLauncher.Request(
                  nodes,
                  apiPort,
                  dataplane,
                  timeout,
                  nbCluster,
                  noController ? 0 : controllers,
                  plainCni,
                  dualStack));
      if (prometheus) {
        startPrometheus(layout);
      }
    } catch (SandboxLauncher.SandboxException e) {
      spec.commandLine().getErr().println("sandbox up: " + e.getMessage());
      return 1;
    }
    System.out.print(Summary.of(layout));
    return 0;
  }

  /** A sandbox asked for with a Prometheus is not left running without one. */
  private void startPrometheus(SandboxLayout layout) {
    try {
      SandboxPrometheus.start(layout, timeout);
    } catch (RuntimeException e) {
      SandboxStopper.stopAll(layout, System.out);
      throw e;
    }
  }
}

package io.ovneip.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ovneip.sandbox.exec.CommandResult;
import io.ovneip.sandbox.exec.CommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: the kustomize overlay for the sandbox, applied with the real {@code kubectl apply -k}
 * to a running sandbox's API, as its header tells users to (the sandbox's remotes copied from
 * DIR/env into remotes.env), gives the objects meant, and the sandbox's controller takes the
 * overlay's gateway ConfigMap. The monitoring kustomization renders too.
 */
class SandboxOverlayIT {
  private static final Path DEPLOY = Path.of("..", "deploy");
  private static final Duration CALL = Duration.ofSeconds(60);

  @TempDir static Path tmp;
  private static Path dir;
  private static CommandRunner shell;
  private static Map<String, String> env;

  @BeforeAll
  static void up() throws IOException {
    dir = tmp.resolve("sb");
    CommandResult up =
        SandboxCli.run(Duration.ofMinutes(3), "sandbox", "up", "--dir", dir.toString());
    assertThat(up.exitCode()).as(up.output()).isZero();
    env = SandboxUpDownIT.exports(dir.resolve("env"));
    shell = new CommandRunner(env);
  }

  @AfterAll
  static void down() {
    SandboxCli.downQuietly(dir);
  }

  @Test
  void theSandboxOverlayAppliesAndTheControllerTakesItsGateway() throws IOException {
    Path deploy = copyOfDeploy();
    Files.writeString(
        deploy.resolve("overlays/sandbox/remotes.env"),
        "OVN_NB_DB=" + env.get("OVN_NB_DB") + "\nOVN_SB_DB=" + env.get("OVN_SB_DB") + "\n");
    String overlay = deploy.resolve("overlays/sandbox").toString();

    String applied = kubectl("apply", "-k", overlay);
    assertThat(applied)
        .contains(
            "serviceaccount/ovn-eip-controller created",
            "clusterrole.rbac.authorization.k8s.io/ovn-eip-controller created",
            "rolebinding.rbac.authorization.k8s.io/ovn-eip-agent created",
            "configmap/ovn-external-gw-config created",
            "deployment.apps/ovn-eip-controller created",
            "daemonset.apps/ovn-eip-agent created")
        .containsPattern("configmap/ovn-eip-ovn-remotes-[a-z0-9]+ created");
    assertThat(kubectl("apply", "-k", overlay)).doesNotContain("created", "configured");

    String version = System.getProperty("ovneip.version");
    assertThat(version).as("the project version (failsafe sets it)").isNotBlank();
    assertThat(get("deployment", "ovn-eip-controller", "{.spec.replicas}")).isEqualTo("1");
    assertThat(
            get(
                "deployment",
                "ovn-eip-controller",
                "{.spec.template.spec.containers[0].image} "
                    + "{.spec.template.spec.containers[0].imagePullPolicy}"))
        .isEqualTo("localhost/ovn-eip:" + version + " Never");
    assertThat(get("daemonset", "ovn-eip-agent", "{.spec.template.spec.containers[0].args}"))
        .contains("--bridge-datapath-type=netdev", "--metrics-addr=$(POD_IP):10671");
    String remotes =
        get(
            "deployment",
            "ovn-eip-controller",
            "{.spec.template.spec.containers[0].env[?(@.name==\"OVN_NB_DB\")]"
                + ".valueFrom.configMapKeyRef.name}");
    assertThat(remotes).startsWith("ovn-eip-ovn-remotes-");
    assertThat(get("configmap", remotes, "{.data.OVN_NB_DB} {.data.OVN_SB_DB}"))
        .isEqualTo(env.get("OVN_NB_DB") + " " + env.get("OVN_SB_DB"));

    // The sandbox's own controller reads the overlay's ConfigMap: its gateway node is labelled.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                shell
                    .run(
                        CALL,
                        "kubectl",
                        "get",
                        "node",
                        "kube-ovn-worker",
                        "-o",
                        "jsonpath={.metadata.labels.ovn-eip\\.io/gateway}")
                    .output()
                    .strip(),
            "true"::equals);
  }

  @Test
  void theMonitoringKustomizationRendersRulesMonitorsAndTheDashboard() throws IOException {
    String rendered = kubectl("kustomize", DEPLOY.resolve("monitoring").toString());
    assertThat(rendered)
        .contains("kind: PrometheusRule", "kind: PodMonitor", "name: ovn-eip-dashboard")
        .contains("grafana_dashboard: \"1\"", "ovn-eip-dashboard.json: |");
    // The default kustomization is the plain Kube-OVN overlay.
    assertThat(kubectl("kustomize", DEPLOY.toString()))
        .contains("image: ghcr.io/ovn-eip/ovn-eip:0.1.0", "OVN_NB_DB: tcp:ovn-nb.kube-system.svc");
  }

  private static String get(String kind, String name, String jsonpath) {
    return kubectl("get", kind, name, "-n", "kube-system", "-o", "jsonpath=" + jsonpath).strip();
  }

  private static String kubectl(String... args) {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "kubectl";
    System.arraycopy(args, 0, cmd, 1, args.length);
    CommandResult r = shell.run(CALL, cmd);
    System.out.println("$ kubectl " + String.join(" ", args) + "\n" + r.output());
    assertThat(r.exitCode()).as(r.output()).isZero();
    return r.output();
  }

  /** deploy/ copied, so that the test writes remotes.env where a user would, not in the tree. */
  private static Path copyOfDeploy() throws IOException {
    Path copy = tmp.resolve("deploy");
    try (Stream<Path> all = Files.walk(DEPLOY)) {
      for (Path p : all.toList()) {
        Path target = copy.resolve(DEPLOY.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return copy;
  }
}

package io.ovneip.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ovneip.sandbox.exec.CommandResult;
import io.ovneip.sandbox.exec.CommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sandbox up --dataplane --dual-stack} as a user drives it: the repository's dual-stack
 * ConfigMap ({@code v4,v6} pairs), a pod applied with kubectl gets both families from the CNI
 * stand-in (annotation and port, as Kube-OVN writes them), and its {@code v4,v6} EIP pair answers
 * the outside host in both families. Needs root; one dataplane per machine at a time.
 */
class SandboxDualStackIT {
  private static final Duration CLI = Duration.ofMinutes(3);
  private static final Duration CALL = Duration.ofSeconds(30);
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Path CONFIG =
      Path.of("..", "deploy", "overlays", "sandbox", "gateway-config-dual-stack.yaml");

  @TempDir Path tmp;

  private Path dir() {
    return tmp.resolve("sb");
  }

  @AfterEach
  void cleanUp() {
    SandboxCli.downQuietly(dir());
  }

  @Test
  void aDualStackPodGetsBothFamiliesAndItsEipPairAnswersTheOutsideHostInBoth() throws IOException {
    CommandResult up =
        SandboxCli.run(
            CLI,
            "sandbox",
            "up",
            "--dir",
            dir().toString(),
            "--nodes",
            "2",
            "--dataplane",
            "--dual-stack");
    assertThat(up.exitCode()).as(up.output()).isZero();
    assertThat(sh("ip netns exec \"$OVN_EIP_OUTSIDE_NETNS\" ip -br addr show ext0"))
        .contains("172.56.0.1/16")
        .contains("fd00:172:56::1/64");
    assertThat(sh("ovn-nbctl get Logical_Router_Port ovn-cluster-ovn-default networks"))
        .contains("\"10.16.0.1/16\"")
        .contains("\"fd00:10:16::1/64\"");

    Path pod = tmp.resolve("pod.yaml");
    Files.writeString(
        pod,
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
          annotations:
            ovn.kubernetes.io/eip: "172.56.0.233,fd00:172:56::233"
        spec:
          containers:
          - name: c
            image: docker.io/library/nginx:alpine
        """);
    sh("kubectl apply -f " + CONFIG.toAbsolutePath() + " -f " + pod);

    String ips =
        await("the CNI stand-in allocates both families")
            .atMost(WAIT)
            .until(
                () ->
                    sh("kubectl get pod web -o"
                            + " jsonpath='{.metadata.annotations.ovn\\.kubernetes\\.io/ip_address}'")
                        .strip(),
                s -> s.contains(","));
    String ip4 = ips.split(",")[0];
    String ip6 = ips.split(",")[1];
    assertThat(ip4).startsWith("10.16.0.");
    assertThat(ip6).startsWith("fd00:10:16::");
    assertThat(sh("ovn-nbctl get Logical_Switch_Port web.default addresses"))
        .contains(" " + ip4 + " " + ip6 + "\"");

    String netns =
        await("sandbox netns default/web")
            .atMost(WAIT)
            .until(
                () ->
                    SandboxCli.run(
                        CALL, "sandbox", "netns", "default/web", "--dir", dir().toString()),
                r -> r.exitCode() == 0)
            .output()
            .strip();
    await("both addresses on the pod's eth0")
        .atMost(WAIT)
        .until(
            () -> shell("ip netns exec " + netns + " ip -br addr show eth0").output(),
            s -> s.contains(ip4 + "/16") && s.contains(ip6 + "/64"));

    for (String eip : new String[] {"172.56.0.233", "fd00:172:56::233"}) {
      await("ping from $OVN_EIP_OUTSIDE_NETNS to the EIP " + eip)
          .atMost(WAIT)
          .until(() -> ok("ip netns exec \"$OVN_EIP_OUTSIDE_NETNS\" ping -n -c 1 -W 1 " + eip));
    }
    CommandResult down = SandboxCli.run(CLI, "sandbox", "down", "--dir", dir().toString());
    assertThat(down.exitCode()).as(down.output()).isZero();
  }

  private String sh(String commandLine) {
    return shell(commandLine).orThrow();
  }

  private boolean ok(String commandLine) {
    return shell(commandLine).ok();
  }

  private CommandResult shell(String commandLine) {
    return CommandRunner.inheritingEnvironment()
        .run(CALL, "bash", "-c", ". '" + dir().resolve("env") + "' && " + commandLine);
  }
}

package io.ovneip.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ovneip.sandbox.exec.CommandResult;
import io.ovneip.sandbox.exec.CommandRunner;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 18: the image scripts/image builds from Debian's packages and the jar, run by a real OCI
 * runtime: unpacked by umoci into a root filesystem and a runtime configuration ({@code
 * config.json}: the image's entrypoint, environment and non-root user) and run by {@code runc}
 * (Debian's package) with a read-only root filesystem. The controller from the image then drives a
 * sandbox started without its own controller: it connects to the sandbox's NB and API and handles a
 * pod.
 */
class ImageIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Duration RUN = Duration.ofSeconds(60);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir static Path tmp;
  private static String version;
  private static Path archive;
  private static Path rootfs;
  private static ObjectNode runtimeConfig;
  private static final AtomicInteger CONTAINERS = new AtomicInteger();
  private static final String KUBECONFIG = "/etc/ovn-eip/kubeconfig";

  @BeforeAll
  static void buildAndUnpack() throws IOException {
    version = System.getProperty("ovneip.version");
    assertThat(version).as("the project version (failsafe sets it)").isNotBlank();
    archive = Path.of("target", "image", "ovn-eip-" + version + ".oci.tar").toAbsolutePath();
    long started = System.nanoTime();
    // A cold build (no cached base) runs mmdebstrap: minutes on these machines.
    CommandResult build =
        CommandRunner.inheritingEnvironment()
            .run(
                Duration.ofMinutes(25),
                ROOT.resolve("scripts/image").toString(),
                "--jar",
                ROOT.resolve("cli/target/ovn-eip.jar").toString(),
                "--out",
                archive.toString());
    System.out.println(build.output());
    assertThat(build.exitCode()).as(build.output()).isZero();
    System.out.printf(
        "image built in %ds: %s, %.1f MiB%n",
        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started),
        archive,
        Files.size(archive) / 1048576.0);

    Path layout = Files.createDirectories(tmp.resolve("layout"));
    run(Duration.ofMinutes(2), "tar", "-C", layout.toString(), "-xf", archive.toString());
    Path bundle = tmp.resolve("bundle");
    run(
        Duration.ofMinutes(3),
        "umoci",
        "unpack",
        "--image",
        layout + ":" + version,
        bundle.toString());
    rootfs = bundle.resolve("rootfs");
    runtimeConfig = (ObjectNode) JSON.readTree(bundle.resolve("config.json").toFile());
    System.out.println("unpacked root filesystem: " + run(RUN, "du", "-sh", rootfs.toString()));
  }

  @Test
  void theImageHasItsLabelsANonRootUserAndTheLauncher() {
    JsonNode config = JSON.readTree(run(RUN, "skopeo", "inspect", "--config", oci()));
    JsonNode c = config.get("config");
    assertThat(c.get("User").asText()).isEqualTo("65532:65532");
    assertThat(c.get("Entrypoint").get(0).asText()).isEqualTo("/opt/ovn-eip/bin/ovn-eip");
    JsonNode labels = c.get("Labels");
    assertThat(labels.get("org.opencontainers.image.version").asText()).isEqualTo(version);
    String head = run(RUN, "git", "-C", ROOT.toString(), "rev-parse", "HEAD").strip();
    assertThat(labels.get("org.opencontainers.image.revision").asText()).startsWith(head);
    assertThat(labels.get("org.opencontainers.image.source")).isNull();
    assertThat(labels.get("org.opencontainers.image.title").asText()).isEqualTo("ovn-eip");
    // Two layers: Debian with Java (cached between builds), then the jar.
    JsonNode manifest = JSON.readTree(run(RUN, "skopeo", "inspect", "--raw", oci()));
    assertThat(manifest.get("layers")).hasSize(2);

    assertThat(rootfs.resolve("opt/ovn-eip/ovn-eip.jar")).isRegularFile();
    assertThat(rootfs.resolve("etc/passwd")).content().contains("ovn-eip:x:65532:65532:");
    // Essential packages and Java only: no package manager, no compiler.
    assertThat(rootfs.resolve("usr/bin/apt-get")).doesNotExist();
    assertThat(rootfs.resolve("usr/bin/javac")).doesNotExist();
  }

  @Test
  void versionAndControllerHelpRunInTheImage() {
    CommandResult v = inImage(Map.of(), "--version");
    assertThat(v.exitCode()).as(v.output()).isZero();
    assertThat(v.output().strip()).isEqualTo("ovn-eip " + version);

    CommandResult help = inImage(Map.of(), "controller", "--help");
    assertThat(help.exitCode()).as(help.output()).isZero();
    assertThat(help.output()).contains("Usage: ovn-eip controller", "--ovn-nb-addr");

    CommandResult status = inImage(Map.of(), "status", "--help");
    assertThat(status.exitCode()).as(status.output()).isZero();
  }

  @Test
  void theControllerFromTheImageHandlesAPodOfASandbox() throws Exception {
    Path dir = tmp.resolve("sb");
    CommandResult up =
        SandboxCli.run(
            Duration.ofMinutes(3), "sandbox", "up", "--dir", dir.toString(), "--no-controller");
    assertThat(up.exitCode()).as(up.output()).isZero();
    Process controller = null;
    try {
      Map<String, String> env = SandboxUpDownIT.exports(dir.resolve("env"));
      CommandRunner shell = new CommandRunner(env);
      Path log = tmp.resolve("controller.log");
      controller =
          startInImage(
              Map.of(
                  "OVN_NB_DB",
                  env.get("OVN_NB_DB"),
                  "OVN_SB_DB",
                  env.get("OVN_SB_DB"),
                  "KUBECONFIG",
                  KUBECONFIG,
                  "POD_NAME",
                  "ovn-eip-controller-image",
                  "OVN_EIP_JAVA_OPTS",
                  "-Xmx256m"),
              dir.resolve("kubeconfig"),
              log,
              "controller",
              "--metrics-addr=127.0.0.1:0");

      Path seed = tmp.resolve("seed.yaml");
      Files.writeString(
          seed,
          """
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: ovn-external-gw-config
            namespace: kube-system
          data:
            enable-external-gw: "true"
            external-gw-nodes: "kube-ovn-worker"
            external-gw-nic: "eth1"
            external-gw-addr: "172.56.0.1/16"
            nic-ip: "172.56.0.254/16"
            nic-mac: "16:52:f3:13:6a:25"
          ---
          apiVersion: v1
          kind: Pod
          metadata:
            name: from-image
            annotations:
              ovn.kubernetes.io/eip: 172.56.0.231
          spec:
            containers:
            - name: c
              image: docker.io/library/nginx:alpine
          """);
      shell.run(RUN, "kubectl", "apply", "-f", seed.toString()).orThrow();

      Process running = controller;
      await()
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(
              () -> {
                assertThat(running.isAlive()).as(Files.readString(log)).isTrue();
                String ip =
                    shell
                        .run(
                            RUN,
                            "kubectl",
                            "get",
                            "pod",
                            "from-image",
                            "-o",
                            "jsonpath={.metadata.annotations.ovn\\.kubernetes\\.io/ip_address}")
                        .output()
                        .strip();
                assertThat(ip).startsWith("10.16.");
                assertThat(
                        shell
                            .run(RUN, "ovn-nbctl", "--timeout=10", "lr-nat-list", "ovn-cluster")
                            .output())
                    .containsPattern(
                        "dnat_and_snat\\s+172\\.56\\.0\\.231\\s+" + ip.replace(".", "\\."));
              });
      assertThat(Files.readString(log)).doesNotContain("ERROR");
    } finally {
      if (controller != null) {
        controller.destroy(); // runc forwards SIGTERM to the container
        controller.waitFor(20, TimeUnit.SECONDS);
        controller.destroyForcibly();
        deleteContainer(containerId(controller));
      }
      SandboxCli.downQuietly(dir);
    }
  }

  private static String containerId(Process runc) {
    List<String> args = runc.info().arguments().map(List::of).orElse(List.of());
    return args.isEmpty() ? "" : args.get(args.size() - 1);
  }

  private static String oci() {
    return "oci-archive:" + archive;
  }

  /** The image's entrypoint with {@code args} (replacing its cmd), run by runc to completion. */
  private static CommandResult inImage(Map<String, String> env, String... args) {
    List<String> cmd = runc(env, Optional.empty(), args);
    try {
      CommandResult r = CommandRunner.inheritingEnvironment().run(RUN, cmd);
      System.out.println("$ [image] ovn-eip " + String.join(" ", args) + "\n" + r.output());
      return r;
    } finally {
      deleteContainer(cmd.get(cmd.size() - 1));
    }
  }

  private static Process startInImage(
      Map<String, String> env, Path kubeconfig, Path log, String... args) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(runc(env, Optional.of(kubeconfig), args));
    pb.redirectErrorStream(true);
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.redirectOutput(log.toFile());
    return pb.start();
  }

  /**
   * {@code runc run} of a bundle made from the runtime configuration umoci derived from the image
   * (its user, environment, entrypoint), as a Pod of deploy/ runs it: root filesystem read-only,
   * {@code args} for the image's cmd, the kubeconfig mounted read-only as a Secret would be. It
   * shares the host's network (the sandbox listens on 127.0.0.1), as the agent's hostNetwork does.
   */
  private static List<String> runc(
      Map<String, String> extraEnv, Optional<Path> kubeconfig, String... args) {
    String id =
        "ovn-eip-image-it-" + CONTAINERS.incrementAndGet() + "-" + ProcessHandle.current().pid();
    ObjectNode config = runtimeConfig.deepCopy();
    config.putObject("root").put("path", rootfs.toString()).put("readonly", true);
    ObjectNode process = (ObjectNode) config.get("process");
    process.put("terminal", false);
    ArrayNode argv = process.putArray("args");
    argv.add(runtimeConfig.get("process").get("args").get(0).asText()); // the entrypoint
    List.of(args).forEach(argv::add);
    ArrayNode env = process.putArray("env");
    for (JsonNode e : runtimeConfig.get("process").get("env")) {
      if (!extraEnv.containsKey(e.asText().substring(0, e.asText().indexOf('=')))) {
        env.add(e.asText());
      }
    }
    extraEnv.forEach((k, v) -> env.add(k + "=" + v));
    ArrayNode namespaces = ((ObjectNode) config.get("linux")).putArray("namespaces");
    for (JsonNode ns : runtimeConfig.get("linux").get("namespaces")) {
      if (!ns.get("type").asText().equals("network")) {
        namespaces.add(ns);
      }
    }
    kubeconfig.ifPresent(
        k -> {
          ObjectNode m = ((ArrayNode) config.get("mounts")).addObject();
          m.put("destination", KUBECONFIG).put("type", "bind").put("source", k.toString());
          m.putArray("options").add("bind").add("ro");
        });
    try {
      Path bundle = Files.createDirectories(tmp.resolve("runs").resolve(id));
      Files.writeString(bundle.resolve("config.json"), JSON.writeValueAsString(config));
      return List.of("runc", "run", "--bundle", bundle.toString(), id);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void deleteContainer(String id) {
    CommandRunner.inheritingEnvironment().run(RUN, "runc", "delete", "--force", id);
  }

  private static String run(Duration timeout, String... cmd) {
    CommandResult r = CommandRunner.inheritingEnvironment().run(timeout, cmd);
    assertThat(r.exitCode()).as(String.join(" ", cmd) + "\n" + r.output()).isZero();
    return r.output();
  }
}

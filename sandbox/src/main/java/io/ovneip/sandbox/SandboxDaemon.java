package io.ovneip.sandbox;

import io.ovneip.sandbox.cni.SandboxNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The sandbox's background JVM, started detached by {@code ovn-eip sandbox up}. Hosts a {@link
 * Sandbox}, writes {@code DIR/ready} when it is up (or {@code DIR/failed} with the reason when it
 * is not) and stops everything on SIGTERM or SIGINT. Not a user command: {@code up} and {@code
 * down} are the interface.
 */
@Command(name = "ovn-eip-sandbox-daemon", mixinStandardHelpOptions = true)
public final class SandboxDaemon implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(SandboxDaemon.class);

  @Option(names = "--dir", required = true, description = "The sandbox dir.")
  Path dir;

  @Option(names = "--nodes", defaultValue = "3", description = "Number of nodes.")
  int nodes;

  @Option(names = "--api-port", defaultValue = "0", description = "Kubernetes API port (0: any).")
  int apiPort;

  @Option(names = "--dataplane", description = "Run the gateway node's dataplane.")
  boolean dataplane;

  @Option(names = "--nb-cluster", defaultValue = "1", description = "NB servers (1: standalone).")
  int nbCluster;

  @Option(names = "--controllers", defaultValue = "1", description = "Controller replicas.")
  int controllers;

  @Option(names = "--plain-cni", description = "A CNI stand-in that writes no routed.")
  boolean plainCni;

  @Option(names = "--dual-stack", description = "Dual-stack pod network and outside host.")
  boolean dualStack;

  public static void main(String[] args) {
    int code = new CommandLine(new SandboxDaemon()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
    // Success: the non-daemon threads serve until SIGTERM; the shutdown hook stops everything.
  }

  @Override
  public Integer call() throws InterruptedException {
    SandboxLayout layout = new SandboxLayout(dir);
    PidRecords.write(layout.pids(), "daemon", ProcessHandle.current().pid());
    Sandbox sandbox;
    try {
      sandbox =
          Sandbox.start(
              new SandboxConfig(
                  layout,
                  SandboxNode.kindCluster(nodes),
                  apiPort,
                  dataplane,
                  nbCluster,
                  controllers,
                  plainCni,
                  dualStack));
    } catch (RuntimeException e) {
      LOG.error("the sandbox could not start", e);
      Sandbox.writeAtomically(layout.failed(), String.valueOf(e.getMessage()) + "\n");
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("stopping the sandbox");
                  try {
                    Files.deleteIfExists(layout.ready());
                    sandbox.close();
                    LOG.info("sandbox stopped");
                  } catch (IOException | RuntimeException e) {
                    LOG.error("stopping the sandbox", e);
                  } finally {
                    stopped.countDown();
                  }
                },
                "sandbox-shutdown"));
    Sandbox.writeAtomically(layout.ready(), sandbox.readyText());
    LOG.info("sandbox ready in {}", layout.dir());
    stopped.await();
    return 0;
  }
}

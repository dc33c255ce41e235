package io.ovneip.e2e;

import io.ovneip.testkit.dataplane.Dataplane;
import io.ovneip.testkit.dataplane.DataplaneOptions;
import io.ovneip.testkit.dataplane.PodSpec;

/**
 * Run in a child JVM by {@link DataplaneIT}: starts a dataplane with a pod, says READY and waits to
 * be killed with SIGKILL, so that nothing of its own clean-up runs.
 */
final class DataplaneCrashMain {
  private DataplaneCrashMain() {}

  public static void main(String[] args) throws InterruptedException {
    Dataplane dp = Dataplane.start(DataplaneOptions.seed(args[0], args[1], "crash-node"));
    dp.addPod(PodSpec.onDefaultSubnet("default", "crash", "00:00:00:00:00:99", "10.16.0.99"));
    System.out.println("READY " + dp.dir());
    System.out.flush();
    Thread.sleep(120_000); // bounded: the parent kills us long before
  }
}

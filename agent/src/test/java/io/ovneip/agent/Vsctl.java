package io.ovneip.agent;

import io.ovneip.testkit.Exec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The real {@code ovs-vsctl} against a test database: the operator's hand, and the independent
 * witness of what the agent wrote. {@code --no-wait} unless a vswitchd is running.
 */
record Vsctl(Path dir, String db, boolean waitForVswitchd) {

  static Vsctl noWait(Path dir, String db) {
    return new Vsctl(dir, db, false);
  }

  String run(String... args) {
    List<String> cmd = new ArrayList<>(List.of("ovs-vsctl", "--db=" + db, "--timeout=10"));
    if (!waitForVswitchd) {
      cmd.add("--no-wait");
    }
    cmd.addAll(List.of(args));
    return Exec.check(dir, Duration.ofSeconds(20), cmd.toArray(String[]::new)).trim();
  }

  List<String> lines(String... args) {
    String out = run(args);
    return out.isEmpty() ? List.of() : List.of(out.split("\n"));
  }

  List<String> bridges() {
    return lines("list-br");
  }

  /** Ports of {@code bridge} other than its own internal port (ovs-vsctl's list-ports). */
  List<String> ports(String bridge) {
    return lines("list-ports", bridge);
  }

  /** {@code ovn-bridge-mappings}, or "" when the key is absent. */
  String mappings() {
    String out = run("--if-exists", "get", "Open_vSwitch", ".", "external_ids:ovn-bridge-mappings");
    return out.replace("\"", "");
  }
}

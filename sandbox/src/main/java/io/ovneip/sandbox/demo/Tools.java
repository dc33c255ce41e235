package io.ovneip.sandbox.demo;

import io.ovneip.sandbox.exec.CommandResult;
import io.ovneip.sandbox.exec.CommandRunner;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code kubectl}, {@code ovn-nbctl} and {@code ovs-vsctl} as the walk-through calls them: printed
 * as typed ({@code kubectl ...}, {@code ovn-nbctl --db=$OVN_NB_DB ...}), each with its own deadline
 * (passed on every call, not printed) and ours as a backstop.
 */
final class Tools {
  private static final Duration CALL = Duration.ofSeconds(30);
  private static final String KUBECTL_TIMEOUT = "--request-timeout=20s";
  private static final String OVS_TOOL_TIMEOUT = "--timeout=20";

  private final Tutorial tutorial;
  private final DemoTarget target;

  private Tools(Tutorial tutorial, DemoTarget target) {
    this.tutorial = tutorial;
    this.target = target;
  }

  static Tools forTarget(PrintStream out, DemoTarget target) {
    Map<String, String> aliases = new HashMap<>(target.variables());
    aliases.put(target.nbRemote(), "OVN_NB_DB");
    target.outsideNetns().ifPresent(ns -> aliases.put(ns, "OVN_EIP_OUTSIDE_NETNS"));
    Tutorial t =
        new Tutorial(
            out,
            new CommandRunner(
                Map.of(
                    "KUBECONFIG", target.kubeconfig().toString(), "OVN_NB_DB", target.nbRemote())),
            aliases,
            Set.of(KUBECTL_TIMEOUT, OVS_TOOL_TIMEOUT));
    return new Tools(t, target);
  }

  Tutorial tutorial() {
    return tutorial;
  }

  DemoTarget target() {
    return target;
  }

  /** Any command, printed with its output; a non-zero exit fails the step. */
  CommandResult run(String... command) {
    return tutorial.run(CALL, command);
  }

  /**
   * Prints {@code command} and runs it until {@code wanted} holds for its result or {@code timeout}
   * passed (each run bounded by {@link #CALL}); returns the last result.
   */
  CommandResult runUntil(
      Duration timeout, java.util.function.Predicate<CommandResult> wanted, String... command) {
    return tutorial.runUntil(timeout, wanted, CALL, command);
  }

  CommandResult kubectl(String... args) {
    return tutorial.run(CALL, kubectlCommand(args));
  }

  /** Not printed: for polling. Empty output when kubectl fails. */
  CommandResult kubectlQuietly(String... args) {
    return tutorial.runQuietly(CALL, kubectlCommand(args));
  }

  CommandResult nbctl(String... args) {
    return tutorial.run(CALL, ovsTool(target.nbctl().toString(), target.nbRemote(), args));
  }

  String nbctlQuietly(String... args) {
    return quietly(ovsTool(target.nbctl().toString(), target.nbRemote(), args));
  }

  CommandResult vsctl(String db, String... args) {
    return tutorial.run(CALL, ovsTool(target.vsctl().toString(), db, args));
  }

  String vsctlQuietly(String db, String... args) {
    return quietly(ovsTool(target.vsctl().toString(), db, args));
  }

  private String quietly(String[] command) {
    CommandResult r = tutorial.runQuietly(CALL, command);
    return r.ok() ? r.output() : "";
  }

  private String[] kubectlCommand(String... args) {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add(target.kubectl().toString());
    cmd.addAll(List.of(args));
    cmd.add(KUBECTL_TIMEOUT);
    return cmd.toArray(String[]::new);
  }

  private static String[] ovsTool(String binary, String db, String... args) {
    List<String> cmd = new java.util.ArrayList<>(List.of(binary, "--db=" + db, OVS_TOOL_TIMEOUT));
    cmd.addAll(List.of(args));
    return cmd.toArray(String[]::new);
  }
}

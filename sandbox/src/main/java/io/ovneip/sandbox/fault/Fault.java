package io.ovneip.sandbox.fault;

import java.util.List;

/** One fault {@code ovn-eip sandbox fault} can inject. */
public interface Fault {
  /** The name on the command line, e.g. {@code kube-ovn-restart}. */
  String name();

  /** Its arguments, for {@code --list} and errors, e.g. {@code NODE}; empty when none. */
  String usage();

  /** One line: what it does. */
  String summary();

  /**
   * Injects the fault and returns once it is in place (or over); returns what it did, one line per
   * action, for the user to read.
   *
   * @throws IllegalArgumentException when {@code args} do not fit {@link #usage()}
   */
  List<String> inject(FaultTarget target, List<String> args);
}

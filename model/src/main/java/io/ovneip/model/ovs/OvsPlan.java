package io.ovneip.model.ovs;

import io.ovneip.ovsdb.protocol.Operation;
import java.util.List;
import java.util.Objects;

/**
 * The result of one diff: the operations of one {@code transact} (empty: send nothing), a line per
 * change for the log, and the findings to report.
 */
public record OvsPlan(
    Outcome outcome, List<Operation> operations, List<String> changes, List<Finding> findings) {

  /** The decision, one per reconcile, logged. */
  public enum Outcome {
    /** Observed already matches desired: nothing to send. */
    CONVERGED,
    /** {@link #operations()} brings observed to desired. */
    APPLY,
    /** A safety rule forbids the change: nothing is sent, the finding says why. */
    REFUSED,
    /** The input or the database is not ready: nothing is sent, the last state stays. */
    HELD
  }

  public OvsPlan {
    Objects.requireNonNull(outcome, "outcome");
    operations = List.copyOf(operations);
    changes = List.copyOf(changes);
    findings = List.copyOf(findings);
    if ((outcome == Outcome.APPLY) == operations.isEmpty()) {
      throw new IllegalArgumentException(outcome + " with " + operations.size() + " operations");
    }
  }

  public boolean isEmpty() {
    return operations.isEmpty();
  }
}

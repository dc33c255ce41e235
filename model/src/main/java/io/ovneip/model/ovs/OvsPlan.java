package io.ovneip.model.ovs;

import io.ovneip.ovsdb.protocol.Operation;
import java.util.List;
import java.util.Objects;

/**
 * The result of one diff: the steps that bring observed to desired (empty: send nothing), and the
 * findings to report. {@link OvsEncoder} turns the steps into one transaction.
 */
public record OvsPlan(Outcome outcome, List<OvsStep> steps, List<Finding> findings) {

  /** The decision, one per reconcile, logged. */
  public enum Outcome {
    /** Observed already matches desired: nothing to send. */
    CONVERGED,
    /** {@link #steps()} bring observed to desired. */
    APPLY,
    /** A safety rule forbids the change: nothing is sent, the finding says why. */
    REFUSED,
    /** The input or the database is not ready: nothing is sent, the last state stays. */
    HELD
  }

  public OvsPlan {
    Objects.requireNonNull(outcome, "outcome");
    steps = List.copyOf(steps);
    findings = List.copyOf(findings);
    if ((outcome == Outcome.APPLY) == steps.isEmpty()) {
      throw new IllegalArgumentException(outcome + " with " + steps.size() + " steps");
    }
  }

  public boolean isEmpty() {
    return steps.isEmpty();
  }

  /** A line per change, for the log and the Node's Event. */
  public List<String> changes() {
    return steps.stream().map(OvsStep::describe).toList();
  }

  /** The operations of the one transaction ({@link OvsEncoder#encode}). */
  public List<Operation> operations() {
    return OvsEncoder.encode(this);
  }
}

package io.ovneip.model.diff;

import io.ovneip.ovsdb.protocol.Operation;
import java.util.List;

/** The result of {@link PlanEncoder#encode}: a transaction to send, nothing, or why not. */
public sealed interface EncodedPlan {

  /** The operations of one transaction; send them as one {@code transact}. */
  record Transaction(List<Operation> operations) implements EncodedPlan {
    public Transaction {
      operations = List.copyOf(operations);
      if (operations.isEmpty()) {
        throw new IllegalArgumentException("an empty transaction is NoChange");
      }
    }
  }

  /** The plan is empty: send nothing (architecture rule 3). */
  record NoChange() implements EncodedPlan {}

  /**
   * The plan cannot apply, e.g. the cluster router does not exist (or two routers have its name):
   * new NAT rows could not be referenced and OVSDB would drop them silently. Report and retry.
   */
  record Blocked(List<String> reasons) implements EncodedPlan {
    public Blocked {
      reasons = List.copyOf(reasons);
    }
  }
}

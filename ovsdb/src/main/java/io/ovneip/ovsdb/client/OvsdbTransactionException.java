package io.ovneip.ovsdb.client;

import io.ovneip.ovsdb.protocol.OperationResult;
import java.util.List;

/**
 * A {@code transact} that the server refused (RFC 7047 section 4.1.3): nothing was committed.
 * {@link #operationIndex()} is the index of the failing operation in the request; when the error
 * came after all operations (the server appends one more result for checks made at commit time,
 * such as {@code "referential integrity violation"} or {@code "constraint violation"}), it equals
 * the number of operations sent and {@link #afterOperations()} is true. {@link #error()} is the
 * server's short error tag (section 5.2, e.g. {@code "constraint violation"}, {@code "timed out"},
 * {@code "not owner"}, {@code "aborted"}), {@link #details()} its free text (may be null).
 */
public class OvsdbTransactionException extends OvsdbException {
  private static final long serialVersionUID = 1L;
  private final int operationIndex;
  private final int operationCount;
  private final String error;
  private final String details;
  private final transient List<OperationResult> results;

  public OvsdbTransactionException(
      int operationIndex,
      int operationCount,
      String error,
      String details,
      List<OperationResult> results) {
    super(
        (operationIndex >= operationCount
                ? "transaction failed after its " + operationCount + " operations"
                : "operation " + operationIndex + " of " + operationCount + " failed")
            + ": "
            + error
            + (details == null ? "" : " (" + details + ")"));
    this.operationIndex = operationIndex;
    this.operationCount = operationCount;
    this.error = error;
    this.details = details;
    this.results = List.copyOf(results);
  }

  public int operationIndex() {
    return operationIndex;
  }

  /** True when the error is the trailing one, reported after every operation succeeded. */
  public boolean afterOperations() {
    return operationIndex >= operationCount;
  }

  public String error() {
    return error;
  }

  public String details() {
    return details;
  }

  /** Results of the operations before the failing one (they were rolled back). */
  public List<OperationResult> results() {
    return results;
  }
}

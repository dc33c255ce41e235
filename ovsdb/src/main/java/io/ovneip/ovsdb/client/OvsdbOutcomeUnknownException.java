package io.ovneip.ovsdb.client;

/**
 * A transaction was sent (or may have been) but no reply came: the call timed out, or the
 * connection closed before the reply. The server may have committed it or not; its cause is the
 * {@link OvsdbTimeoutException} or {@link OvsdbConnectionException} that ended the call. A caller
 * that diffs against a replica must let the replica catch up with the server before it diffs again,
 * or it may write the same rows twice.
 */
public class OvsdbOutcomeUnknownException extends OvsdbException {
  private static final long serialVersionUID = 1L;

  public OvsdbOutcomeUnknownException(String message, OvsdbException cause) {
    super(message, cause);
  }
}

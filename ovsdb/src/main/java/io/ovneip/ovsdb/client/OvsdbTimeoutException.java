package io.ovneip.ovsdb.client;

/**
 * A call got no answer within its timeout (or no connection became available in time). Whether a
 * timed-out transaction committed is unknown.
 */
public class OvsdbTimeoutException extends OvsdbException {
  private static final long serialVersionUID = 1L;

  public OvsdbTimeoutException(String message) {
    super(message);
  }

  public OvsdbTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}

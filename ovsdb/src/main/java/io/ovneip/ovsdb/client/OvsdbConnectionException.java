package io.ovneip.ovsdb.client;

/**
 * The connection was lost (or never made) while the call was in flight; whether a transaction
 * committed is unknown. The client reconnects by itself.
 */
public class OvsdbConnectionException extends OvsdbException {
  private static final long serialVersionUID = 1L;

  public OvsdbConnectionException(String message) {
    super(message);
  }

  public OvsdbConnectionException(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.ovneip.ovsdb.client;

/**
 * Any failure of the OVSDB client. Unchecked: callers decide where to catch (usually a work queue
 * that retries).
 */
public class OvsdbException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public OvsdbException(String message) {
    super(message);
  }

  public OvsdbException(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.ovneip.ovsdb.client;

/**
 * The peer sent something that is not RFC 7047 JSON-RPC (malformed JSON, an oversized message, a
 * response of the wrong shape). The client drops the connection and reconnects.
 */
public class OvsdbProtocolException extends OvsdbException {
  private static final long serialVersionUID = 1L;

  public OvsdbProtocolException(String message) {
    super(message);
  }

  public OvsdbProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.ovneip.ovsdb.client;

/**
 * The server answered a request with a JSON-RPC {@code error} (RFC 7047 section 4.1): e.g. {@code
 * "unknown database"} or {@code "unknown method"}. {@link #error()} is the server's error as JSON
 * text.
 */
public class OvsdbRpcException extends OvsdbException {
  private static final long serialVersionUID = 1L;
  private final String method;
  private final String error;

  public OvsdbRpcException(String method, String error) {
    super(method + " failed: " + error);
    this.method = method;
    this.error = error;
  }

  public String method() {
    return method;
  }

  public String error() {
    return error;
  }
}

package io.ovneip.ovsdb.protocol.codec;

/** JSON that does not follow RFC 7047 (or the schema), or a Java value that cannot be encoded. */
public class CodecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CodecException(String message) {
    super(message);
  }

  public CodecException(String message, Throwable cause) {
    super(message, cause);
  }
}

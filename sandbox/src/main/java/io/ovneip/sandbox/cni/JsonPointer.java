package io.ovneip.sandbox.cni;

/** RFC 6901 escaping of one reference token (annotation keys contain {@code /}). */
final class JsonPointer {
  private JsonPointer() {}

  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}

package io.ovneip.kubeapi;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A request target split into path and raw query string.
 *
 * @param path the path, never with a query string
 * @param rawQuery the query string as sent (still percent-encoded), {@code ""} when absent
 */
record RequestTarget(String path, String rawQuery) {

  static RequestTarget of(String target) {
    int q = target.indexOf('?');
    return q < 0
        ? new RequestTarget(target, "")
        : new RequestTarget(target.substring(0, q), target.substring(q + 1));
  }

  /** The first value of a query parameter, decoded. */
  Optional<String> param(String name) {
    return Arrays.stream(rawQuery.split("&"))
        .filter(p -> !p.isEmpty())
        .filter(p -> decode(p.split("=", 2)[0]).equals(name))
        .map(p -> p.contains("=") ? decode(p.substring(p.indexOf('=') + 1)) : "")
        .findFirst();
  }

  boolean flag(String name) {
    return param(name).map(v -> v.equals("true") || v.equals("1")).orElse(false);
  }

  /** The same target without a query parameter. */
  RequestTarget without(String name) {
    String rest =
        Arrays.stream(rawQuery.split("&"))
            .filter(p -> !p.isEmpty())
            .filter(p -> !decode(p.split("=", 2)[0]).equals(name))
            .collect(Collectors.joining("&"));
    return new RequestTarget(path, rest);
  }

  @Override
  public String toString() {
    return rawQuery.isEmpty() ? path : path + "?" + rawQuery;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}

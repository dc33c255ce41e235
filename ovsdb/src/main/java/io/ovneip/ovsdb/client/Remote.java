package io.ovneip.ovsdb.client;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One OVSDB remote in OVS's syntax: {@code tcp:IP:PORT}, {@code ssl:IP:PORT} or {@code unix:PATH}.
 * IPv6 addresses go in brackets ({@code tcp:[::1]:6641}).
 */
public record Remote(Kind kind, String host, int port, Path path) {
  public enum Kind {
    TCP,
    SSL,
    UNIX
  }

  public Remote {
    Objects.requireNonNull(kind, "kind");
    if (kind == Kind.UNIX) {
      Objects.requireNonNull(path, "path");
    } else {
      Objects.requireNonNull(host, "host");
      if (port <= 0 || port > 65535) {
        throw new IllegalArgumentException("bad port " + port);
      }
    }
  }

  /** Parses one remote; fails naming it when it is not one of the three forms. */
  public static Remote parse(String text) {
    String s = text.trim();
    if (s.startsWith("unix:") && s.length() > 5) {
      return new Remote(Kind.UNIX, null, 0, Path.of(s.substring(5)));
    }
    Kind kind = s.startsWith("tcp:") ? Kind.TCP : s.startsWith("ssl:") ? Kind.SSL : null;
    int colon = s.lastIndexOf(':');
    if (kind == null || colon <= 4) {
      throw new IllegalArgumentException(
          "not an OVSDB remote (tcp:IP:PORT, ssl:IP:PORT, unix:PATH): " + text);
    }
    String host = s.substring(4, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      return new Remote(kind, host, Integer.parseInt(s.substring(colon + 1)), null);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad port in OVSDB remote: " + text, e);
    }
  }

  /** Parses a comma-separated list (a clustered database's members). */
  public static List<Remote> parseList(String text) {
    List<Remote> remotes = new ArrayList<>();
    for (String part : text.split(",")) {
      if (!part.isBlank()) {
        remotes.add(parse(part));
      }
    }
    if (remotes.isEmpty()) {
      throw new IllegalArgumentException("no OVSDB remote in \"" + text + "\"");
    }
    return List.copyOf(remotes);
  }

  InetSocketAddress socketAddress() {
    return new InetSocketAddress(host, port);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case UNIX -> "unix:" + path;
      case TCP -> "tcp:" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
      case SSL -> "ssl:" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    };
  }
}
